"""The demo's typed content in Spanish: pillars, audiences, news, figures, the action plan,
courses and partner descriptions, written from the same facts as the English texts (not a
word-for-word translation). The draft news post is left in English on purpose, so that the
admin's "Lacks Español" filter has a gap to show."""

from django.db import transaction

from campaign.models import (
    ActionItem,
    Audience,
    ImpactFigure,
    NewsPost,
    Pillar,
    PlanGoal,
    PlanObjective,
)
from partners.models import Organization
from training.models import Course

# slug: name, summary, description
PILLARS = {
    "prevention": (
        "Prevención",
        "Que más personas reconozcan la trata de personas y la denuncien, dentro y fuera del "
        "país, y que menos caigan en las falsas promesas de un tratante.",
        "La prevención empieza cuando la gente sabe cómo se ve la trata. En Estados Unidos, "
        "la campaña da a conocer las señales para que más personas las noten y las denuncien. "
        "En el extranjero, llega a quienes buscan trabajo en Estados Unidos y podrían caer en "
        "la oferta falsa de un tratante.\n\n"
        "Los socios ayudan capacitando a su personal y colocando carteles y tarjetas de "
        "indicadores donde el público, y las víctimas, puedan verlos.",
    ),
    "protection": (
        "Protección",
        "Ayuda para las víctimas: alivio migratorio como la Presencia Continuada y las visas T "
        "y U, especialistas en asistencia a víctimas y materiales sobre sus derechos.",
        "Proteger significa ayudar a la víctima, no solo presentar un caso contra el tratante. "
        "Las víctimas que no son ciudadanas pueden recibir **Presencia Continuada**, una "
        "**visa T** o una **visa U**, para que el miedo a la deportación no las obligue a "
        "callar. Especialistas en asistencia a víctimas trabajan junto a los investigadores y "
        "a organizaciones de servicios, y hay materiales en muchos idiomas que explican sus "
        "derechos.",
    ),
    "prosecution": (
        "Enjuiciamiento",
        "Capacitación para agentes federales, estatales, locales, tribales e internacionales: "
        "reconocer los indicadores y armar casos que lleven a los tratantes ante la justicia.",
        "Llevar a un tratante ante la justicia depende de agentes que reconozcan los "
        "indicadores y sepan armar un caso centrado en la víctima. Cada año se capacitan miles "
        "de agentes federales, estatales, locales, tribales e internacionales, y el Servicio "
        "de Inmigración y Control de Aduanas (ICE) dirige investigaciones dentro y fuera del "
        "país.",
    ),
    "partnerships": (
        "Alianzas",
        "La cuarta P: gobiernos de todos los niveles, organizaciones no gubernamentales y "
        "empresas trabajando juntos, porque ninguna agencia puede acabar sola con la trata.",
        "Ninguna agencia puede acabar sola con la trata. La cuarta P une a los gobiernos de "
        "todos los niveles con organizaciones no gubernamentales, asociaciones y empresas: una "
        "asociación de inspectores de códigos que capacita a sus miembros, una ciudad cuyo "
        "personal de policía, bomberos, puerto y vivienda recibe capacitación federal, un "
        "departamento de educación que llega a las escuelas.",
    ),
}

AUDIENCES = {
    "law-enforcement": "Fuerzas del orden",
    "first-responders": "Personal de primera respuesta",
    "code-enforcement": "Inspección de códigos",
    "educators": "Educadores y personal escolar",
    "health-care": "Atención médica",
    "transportation": "Transporte",
    "federal-employees": "Empleados federales",
    "victim-service-providers": "Proveedores de servicios a víctimas",
    "general-public": "Público en general",
}

# slug: title, summary, body
NEWS = {
    "caceo-webinar-launches-partnership": (
        "Un seminario web para inspectores de códigos abre la alianza con CACEO",
        "La alianza con la Asociación de Inspectores de Códigos de California empezó con un "
        "seminario web sobre cómo reconocer y denunciar la trata de personas.",
        "El **7 de febrero de 2022** comenzó la alianza entre la campaña y la Asociación de "
        "Inspectores de Códigos de California (CACEO) con un seminario web informativo.\n\n"
        "Explicó cómo los inspectores, que entran cada día en viviendas y negocios, pueden "
        "ayudar a reconocer la trata de personas y denunciarla de forma segura.\n\n"
        "## Próxima sesión\n\n"
        "El seminario se ofrece de nuevo para miembros de CACEO y otro personal de inspección: "
        "vea las [próximas capacitaciones](/es/trainings/).",
    ),
    "caceo-joins-the-campaign": (
        "Los inspectores de códigos de California se suman a la campaña",
        "CACEO, que representa a más de 1.800 inspectores de códigos en California, ya es "
        "socia de la campaña.",
        "La Asociación de Inspectores de Códigos de California (CACEO) y la campaña anunciaron "
        "su alianza, que lleva capacitación y recursos a los miembros de CACEO.\n\n"
        "CACEO representa a más de 1.800 inspectores en todo el estado. Su presidente, Jamie "
        "Zeller, recordó que los inspectores se encuentran con la trata en su trabajo diario y "
        "que la alianza ofrece a las víctimas otra persona de confianza a quien acudir. Por "
        "parte de la campaña, la directora del programa, Brandi Bynum, señaló que estos "
        "inspectores están en buena posición para encontrar a víctimas de un delito que pocas "
        "veces se denuncia.\n\n"
        "La alianza apoya la formación continua contra la trata de personas.",
    ),
    "education-and-gsa-partnerships": (
        "Nuevas alianzas con el Departamento de Educación y la GSA",
        "Capacitación sobre los indicadores de la trata para las escuelas, y materiales de "
        "concienciación en edificios federales de todo el país.",
        "En una reunión del Grupo de Trabajo Interinstitucional del Presidente para Vigilar y "
        "Combatir la Trata de Personas, el Secretario de Seguridad Nacional anunció dos "
        "alianzas:\n\n"
        "- con el **Departamento de Educación**, para preparar capacitación sobre los "
        "indicadores de la trata y otros recursos para directivos, docentes y personal "
        "escolar;\n"
        "- con la **Administración de Servicios Generales (GSA)**, para exhibir materiales de "
        "concienciación en edificios del gobierno en todo Estados Unidos.\n\n"
        "El Secretario informó además que en 2013 ICE abrió unos 1.025 casos relacionados con "
        "la trata, muchos gracias a la ayuda del público, que llevaron a 816 condenas y a "
        "identificar a más de 330 víctimas.",
    ),
    "los-angeles-agreement": (
        "Los Ángeles se suma: los departamentos de la ciudad entran en la campaña",
        "El personal de policía, bomberos, puerto, vivienda y obras de la Ciudad de Los "
        "Ángeles recibirá capacitación federal en detección, investigación y protección de "
        "víctimas.",
        "La Ciudad de Los Ángeles y el Departamento de Seguridad Nacional firmaron un acuerdo "
        "en una ceremonia en el Ayuntamiento, con el Subsecretario del DHS, Alejandro "
        "Mayorkas, y el alcalde, Eric Garcetti.\n\n"
        "Con el acuerdo, departamentos de la ciudad, desde la policía y los bomberos hasta el "
        "puerto, la vivienda y la inspección de obras, se suman a la campaña, y su personal "
        "recibe capacitación federal en detección, investigación y protección de víctimas.\n\n"
        "Asistieron a la firma miembros de la Coalición para Abolir la Esclavitud y la Trata "
        "(CAST), que ofrece albergue, servicios sociales y ayuda legal a sobrevivientes. Para "
        "CAST, la educación es la clave para identificar a más víctimas.",
    ),
}

# English label: Spanish label
FIGURES = {
    "trafficking cases opened": "casos de trata abiertos",
    "convictions": "condenas",
    "victims identified": "víctimas identificadas",
    "code enforcement officers represented by CACEO": (
        "inspectores de códigos representados por CACEO"
    ),
}

# number: title, description
GOALS = {
    1: (
        "Coordinar esfuerzos",
        "Impulsar un enfoque estratégico y coordinado de los servicios a víctimas en los "
        "niveles federal, regional, estatal, territorial, tribal y local.",
    ),
    2: (
        "Entender mejor",
        "Ampliar y coordinar la investigación, los datos y la evaluación para que los "
        "servicios a víctimas se basen en evidencia.",
    ),
    3: (
        "Ampliar el acceso a los servicios",
        "Ofrecer difusión, capacitación y asistencia técnica para que se identifique a más "
        "víctimas y haya más servicios disponibles.",
    ),
    4: (
        "Mejorar los resultados",
        "Promover servicios eficaces, culturalmente adecuados y sensibles al trauma para la "
        "salud, la seguridad y el bienestar de las víctimas a corto y largo plazo.",
    ),
}

# (goal, number): title
OBJECTIVES = {
    (1, 1): "Coordinar las políticas y orientaciones federales sobre servicios a víctimas",
    (1, 2): "Fortalecer los grupos de trabajo y la coordinación regional",
    (2, 1): "Reunir mejores datos sobre las víctimas y los servicios que reciben",
    (2, 2): "Evaluar qué funciona en los servicios a víctimas",
    (3, 1): "Concienciar a quienes tienen más probabilidad de encontrarse con víctimas",
    (3, 2): "Capacitar a las fuerzas del orden para identificar víctimas e investigar",
    (4, 1): "Dar a conocer el alivio migratorio y facilitar su uso",
    (4, 2): "Atender a niñas, niños y adolescentes víctimas y a las comunidades tribales",
}

# the first words of the English title: Spanish title
ACTION_ITEMS = {
    "Develop a toolkit": "Preparar para las fuerzas del orden un conjunto de herramientas "
    "sobre la explotación sexual comercial de menores",
    "Provide roll-call videos": "Ofrecer videos de pase de lista, materiales de capacitación "
    "y ponentes a las organizaciones nacionales de las fuerzas del orden",
    "Produce two roll-call videos": "Producir dos videos de pase de lista para agentes "
    "estatales y locales sobre cómo el alivio migratorio ayuda a las investigaciones",
    "Produce a T visa resource guide": "Publicar una guía sobre la visa T para las fuerzas "
    "del orden, junto a la guía de la visa U",
    "Provide general awareness training": "Ofrecer capacitación general de concienciación al "
    "personal de primera respuesta",
    "Revise and deliver training": "Revisar e impartir capacitación a las fuerzas del orden "
    "federales, estatales, territoriales, tribales y locales",
    "Conduct investigative trainings": "Impartir capacitación en investigación al personal de "
    "las fuerzas del orden",
    "Update the Anti-Human Trafficking": "Actualizar la guía electrónica de estrategia y "
    "operaciones de los grupos de trabajo contra la trata, con estrategias de difusión",
    "Design and deliver a human trafficking": "Diseñar e impartir una capacitación sobre la "
    "trata de personas para las fuerzas del orden tribales",
}

# slug: title, summary
COURSES = {
    "code-enforcement-webinar": (
        "Reconocer y denunciar la trata de personas: inspección de códigos",
        "Cómo los inspectores de códigos, que entran cada día en viviendas y negocios, pueden "
        "detectar las señales de la trata y denunciarlas de forma segura. Se impartió por "
        "primera vez a miembros de CACEO el 7 de febrero de 2022.",
    ),
    "indicators-for-school-staff": (
        "Indicadores de la trata para el personal escolar",
        "Para directivos, docentes y personal escolar: las señales de que un estudiante puede "
        "estar siendo explotado y cómo actuar.",
    ),
    "victim-assistance-train-the-trainer": (
        "Conferencia de formación de formadores en asistencia a víctimas",
        "Para agentes especiales y coordinadores de asistencia a víctimas que formarán a otras "
        "personas en esas responsabilidades.",
    ),
    "recognizing-trafficking-routine-duties": (
        "Reconocer la trata de personas en las tareas de rutina",
        "Un curso en línea para agentes: reconocer la trata en el trabajo diario, proteger a "
        "las víctimas y abrir una investigación.",
    ),
    "immigration-relief-roll-call": (
        "Alivio migratorio para víctimas: visas T y U",
        "Dos videos breves de pase de lista para agentes estatales y locales sobre cómo las "
        "visas T y U y la Presencia Continuada ayudan a las víctimas y a las investigaciones.",
    ),
    "first-responder-awareness": (
        "Concienciación sobre la trata para el personal de primera respuesta",
        "Nociones generales para bomberos, paramédicos y otro personal de primera respuesta, "
        "que pueden ser los primeros en ver a una víctima.",
    ),
    "investigating-human-trafficking": (
        "Investigar la trata de personas",
        "Capacitación en investigación para las fuerzas del orden: armar casos centrados en "
        "la víctima contra los tratantes.",
    ),
    "tribal-law-enforcement": (
        "Capacitación sobre la trata para las fuerzas del orden tribales",
        "Pensada para la policía tribal y sus aliados: la trata dentro y alrededor de las "
        "tierras tribales.",
    ),
}

# slug: description
ORGANIZATIONS = {
    "dhs": "Dirige la Campaña Azul desde su Oficina de Alianzas y Participación, que reúne "
    "bajo un mismo nombre el trabajo de sus componentes contra la trata.",
    "caceo": "Representa a más de 1.800 inspectores de códigos en California, que encuentran "
    "a víctimas en su trabajo al inspeccionar viviendas y negocios.",
    "city-of-los-angeles": "Sus departamentos, desde la policía y los bomberos hasta el "
    "puerto, la vivienda y las obras, reciben capacitación federal en detección, "
    "investigación y protección de víctimas.",
    "cast": "Ofrece servicios sociales, albergue y ayuda legal a sobrevivientes, y sostiene "
    "que la concienciación del público permite identificar a más víctimas.",
    "uscis": "Otorga el estatus de no inmigrante T y U, el alivio migratorio que permite a "
    "las víctimas quedarse en el país y colaborar con las investigaciones.",
}


def _fill(instance, **spanish) -> None:
    for name, text in spanish.items():
        setattr(instance, f"{name}_es", text)
    instance.save()


def load_spanish() -> None:
    """Fills the Spanish columns of the demo's typed content. Safe to run again."""
    with transaction.atomic():
        for pillar in Pillar.objects.filter(slug__in=PILLARS):
            name, summary, description = PILLARS[pillar.slug]
            _fill(pillar, name=name, summary=summary, description=description)
        for audience in Audience.objects.filter(slug__in=AUDIENCES):
            _fill(audience, name=AUDIENCES[audience.slug])
        for post in NewsPost.objects.filter(slug__in=NEWS):
            title, summary, body = NEWS[post.slug]
            _fill(post, title=title, summary=summary, body=body)
        for figure in ImpactFigure.objects.filter(label_en__in=FIGURES):
            _fill(figure, label=FIGURES[figure.label_en])
        for goal in PlanGoal.objects.filter(number__in=GOALS):
            title, description = GOALS[goal.number]
            _fill(goal, title=title, description=description)
        for objective in PlanObjective.objects.select_related("goal"):
            if (key := (objective.goal.number, objective.number)) in OBJECTIVES:
                _fill(objective, title=OBJECTIVES[key])
        for item in ActionItem.objects.all():
            for start, title in ACTION_ITEMS.items():
                if item.title_en.startswith(start):
                    _fill(item, title=title)
        for course in Course.objects.filter(slug__in=COURSES):
            title, summary = COURSES[course.slug]
            _fill(course, title=title, summary=summary)
        for organization in Organization.objects.filter(slug__in=ORGANIZATIONS):
            _fill(organization, description=ORGANIZATIONS[organization.slug])
