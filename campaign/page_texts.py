"""The first texts of the trust pages (about, privacy, accessibility, contact), true to what
the portal does. The data migration loads ENGLISH; a page whose row is missing is shown from
here. SPANISH holds the same texts, ready for the content model's per-language fields."""

import datetime

REVIEWED_ON = datetime.date(2026, 11, 26)

ENGLISH = {
    "about": {
        "title": "About the portal",
        "summary": "Who runs this portal, what it is for and how partners use it.",
        "body": """\
This portal serves a public awareness campaign against human trafficking. Partner
organizations (government agencies, associations, schools, health care, transportation,
non-profits and businesses) use it to train their staff to recognize the indicators of
human trafficking and to report them; anyone can download the campaign's awareness
materials without an account.

# What you can do here

- **Find materials:** posters, indicator cards, guides and videos to download, or to order
  in print for display.
- **Find a training:** webinars, in-person sessions and on-demand courses, with
  certificates for those who complete them.
- **Become a partner:** an organization applies; once approved, its coordinators manage
  their staff, enroll them in trainings and follow their progress.
- **Get help:** how to report a suspected case, and where victims and survivors can find
  help.

# The campaign's approach

The campaign works across four pillars: prevention, protection, prosecution and
partnerships. Its materials are written with survivors and for the people most likely to
meet a victim: law enforcement, first responders, educators, health care workers,
transportation staff and the public.

This portal does not take reports of trafficking. To report a suspected case, use the
hotline numbers at the bottom of every page.
""",
    },
    "privacy": {
        "title": "Privacy notice",
        "summary": "What the portal stores about visitors, learners and coordinators, for how "
        "long, who sees it, and how to ask for a copy or its deletion.",
        "body": """\
This notice says what the portal stores about you, why, for how long and who can see it.

# If you only visit

- You can read every public page and download public materials **without an account and
  without cookies**: public pages set no cookie at all.
- The portal has **no third-party trackers, no analytics, no advertising and no social
  media widgets**. Fonts, scripts and images are served by the portal itself.
- Each request is written to the server's log: the time, the address asked for, the
  answer's status, how long it took and, when you are signed in, your account's number.
  A refused request (a page you may not see, or malformed input) is logged with your
  network (IP) address. The log holds no name or email address.
- Downloads are counted per material and per month, as plain numbers, with nothing about
  who downloaded.
- When you send a message through the contact form, an order for printed materials or a
  partner application, the portal keeps what you typed (name, email address, organization,
  shipping address for orders) so that the campaign can answer and deliver.

# If you have an account (learners and partner staff)

- Your email address, your name as it should appear on certificates, your preferred
  language and your password, stored only as a one-way hash. If you turn on two-factor
  authentication, the secret of your authenticator app.
- The organizations you belong to and your role there, the trainings you register for,
  your attendance, your knowledge-check results and your certificates.
- A session cookie while you are signed in. It expires after 30 minutes without activity
  and at most 12 hours after you sign in.

# If you are a coordinator

Coordinators see, for their own organization only: the names and email addresses of its
members, their registrations, attendance and certificates, and they can export that report.
They never see other organizations' people.

# Who sees your data

- **Campaign administrators** see the records needed to run the portal (accounts,
  memberships, enrollments, orders, applications, messages). Their own actions are logged.
- **Trainers** see the names of the people registered for the sessions they teach.
- **Anyone** who holds a certificate's code (printed on it as a QR code) can check that it
  is genuine: the check shows the name, the course and the date on the certificate.
- Emails are sent through the campaign's mail provider. Nothing is sold or shared for
  marketing.

# How long it is kept

- Accounts, memberships, training records and certificates: as long as the account exists,
  so that certificates can be verified.
- Everything else is erased by fixed rules, listed with their periods at the end of this
  page.

# Your choices

Signed in, open **Your data** in the account menu: download a copy of everything the
portal holds about you, or delete your account. Deleting erases your name, email address
and contact details everywhere; the trainings you attended stay only as anonymous counts,
and your certificates still verify by their code, without your name. For a correction,
write through the [contact page](/contact/) (choose "My data"). The campaign answers
within 30 days.
""",
    },
    "accessibility": {
        "title": "Accessibility statement",
        "summary": "The standard the portal meets (WCAG 2.2 AA), the known exceptions, and "
        "how to report a problem.",
        "body": """\
Everyone should be able to use this portal, including people who use a screen reader,
a keyboard only, voice control, magnification or a phone.

# The standard

The portal aims to conform to the **Web Content Accessibility Guidelines (WCAG) 2.2,
level AA**, and to Section 508. It is built with the U.S. Web Design System. Every page
is tested automatically with axe-core in a real browser, on a phone-sized and a
desktop-sized screen, and pages are checked by hand with a keyboard and at high zoom.

# What helps

- Every page has a "Skip to main content" link and an "Exit this page" button; pressing
  Shift three times also leaves the page.
- Forms have labels, clear error messages and a summary of the errors at the top.
- The portal is available in English and Spanish.

# Known exceptions

- **Downloaded materials:** uploaded files are checked for safety, not for accessibility;
  some PDF posters and brochures may not be fully tagged for screen readers. Ask for an
  accessible version through the contact page.
- **Videos on other sites:** videos that materials and courses link to may lack captions or
  audio description.
- **The administration pages** use the Django admin, whose markup the campaign does not
  fully control; a few of its controls lack visible labels.

# Report a problem

If something on the portal does not work for you, tell us through the
[contact page](/contact/) (choose "An accessibility problem"): the page, what you were
trying to do, and the browser or assistive technology you use. The campaign answers within
five working days and will provide the information in another format if you need it.
""",
    },
    "contact": {
        "title": "Contact the campaign",
        "summary": "Questions about trainings, materials, partnership, accessibility or your "
        "data.",
        "body": """\
Write to the campaign team with questions about trainings, materials and printed copies,
becoming a partner, an accessibility problem, or the data the portal holds about you.
The team answers on working days, usually within three.
""",
    },
}

SPANISH = {
    "about": {
        "title": "Acerca del portal",
        "summary": "Quién administra este portal, para qué sirve y cómo lo usan las "
        "organizaciones aliadas.",
        "body": """\
Este portal apoya una campaña pública de concienciación contra la trata de personas. Las
organizaciones aliadas (agencias de gobierno, asociaciones, escuelas, servicios de salud,
transporte, organizaciones sin fines de lucro y empresas) lo usan para capacitar a su
personal en reconocer los indicios de la trata y denunciarlos; cualquier persona puede
descargar los materiales de la campaña sin crear una cuenta.

# Qué puede hacer aquí

- **Buscar materiales:** carteles, tarjetas de indicadores, guías y videos para descargar
  o pedir impresos.
- **Buscar una capacitación:** seminarios web, sesiones presenciales y cursos a su ritmo,
  con certificado para quienes los completan.
- **Hacerse organización aliada:** una organización presenta su solicitud; una vez aprobada, sus
  coordinadores gestionan a su personal, lo inscriben y siguen su avance.
- **Obtener ayuda:** cómo denunciar un caso sospechoso y dónde pueden encontrar ayuda las
  víctimas y sobrevivientes.

# El enfoque de la campaña

La campaña trabaja en cuatro pilares: prevención, protección, enjuiciamiento y alianzas.
Sus materiales se escriben con sobrevivientes y para quienes tienen más probabilidades de
encontrarse con una víctima: policía, personal de emergencias, docentes, personal de salud,
de transporte y el público en general.

Este portal no recibe denuncias de trata. Para denunciar un caso sospechoso, use los
números de las líneas de ayuda que aparecen al pie de cada página.
""",
    },
    "privacy": {
        "title": "Aviso de privacidad",
        "summary": "Qué guarda el portal sobre visitantes, participantes y coordinadores, por "
        "cuánto tiempo, quién lo ve y cómo pedir una copia o su eliminación.",
        "body": """\
Este aviso explica qué guarda el portal sobre usted, para qué, por cuánto tiempo y quién
puede verlo.

# Si solo visita el portal

- Puede leer todas las páginas públicas y descargar los materiales públicos **sin cuenta y
  sin cookies**: las páginas públicas no crean ninguna cookie.
- El portal **no usa rastreadores de terceros, analítica, publicidad ni botones de redes
  sociales**. Las fuentes, los scripts y las imágenes los sirve el propio portal.
- Cada solicitud queda en el registro del servidor: la hora, la dirección solicitada, el
  resultado, su duración y, si ha iniciado sesión, el número de su cuenta. Una solicitud
  rechazada (una página que no puede ver o datos mal formados) se registra con su
  dirección de red (IP). El registro no contiene nombres ni correos electrónicos.
- Las descargas se cuentan por material y por mes, como simples números, sin nada sobre
  quién descargó.
- Si envía un mensaje por el formulario de contacto, un pedido de materiales impresos o
  una solicitud para hacerse organización aliada, el portal guarda lo que escribió (nombre, correo,
  organización y, en los pedidos, la dirección de envío) para poder responder y entregar.

# Si tiene una cuenta (participantes y personal de las organizaciones aliadas)

- Su correo electrónico, su nombre tal como debe figurar en los certificados, su idioma
  preferido y su contraseña, guardada solo como un hash irreversible. Si activa la
  verificación en dos pasos, el secreto de su aplicación de autenticación.
- Las organizaciones a las que pertenece y su función, las capacitaciones en las que se
  inscribe, su asistencia, los resultados de sus evaluaciones y sus certificados.
- Una cookie de sesión mientras tiene la sesión iniciada. Caduca tras 30 minutos sin
  actividad y, como máximo, 12 horas después de iniciar sesión.

# Si es coordinador

Los coordinadores ven, solo de su propia organización: los nombres y correos de sus
miembros, sus inscripciones, asistencia y certificados, y pueden exportar ese informe.
Nunca ven a las personas de otras organizaciones.

# Quién ve sus datos

- **Los administradores de la campaña** ven los registros necesarios para gestionar el
  portal (cuentas, membresías, inscripciones, pedidos, solicitudes y mensajes). Sus propias
  acciones quedan registradas.
- **Los instructores** ven los nombres de las personas inscritas en sus sesiones.
- **Cualquier persona** que tenga el código de un certificado (impreso en él como código
  QR) puede comprobar que es auténtico: la comprobación muestra el nombre, el curso y la
  fecha del certificado.
- Los correos se envían a través del proveedor de correo de la campaña. No se vende ni se
  comparte nada con fines comerciales.

# Cuánto tiempo se guarda

- Cuentas, membresías, registros de capacitación y certificados: mientras exista la cuenta,
  para que los certificados puedan verificarse.
- Todo lo demás se borra según reglas fijas, que se enumeran con sus plazos al final de
  esta página.

# Sus opciones

Con la sesión iniciada, abra **Sus datos** en el menú de la cuenta: descargue una copia de
todo lo que el portal guarda sobre usted o elimine su cuenta. Al eliminarla se borran de
todas partes su nombre, su correo electrónico y sus datos de contacto; las capacitaciones
a las que asistió quedan solo como cifras anónimas y sus certificados se siguen
verificando por su código, sin su nombre. Para una corrección, escriba desde la
[página de contacto](/es/contact/) (elija «Mis datos»). La campaña responde en un plazo de
30 días.
""",
    },
    "accessibility": {
        "title": "Declaración de accesibilidad",
        "summary": "La norma que cumple el portal (WCAG 2.2 AA), las excepciones conocidas y "
        "cómo informar de un problema.",
        "body": """\
Todas las personas deben poder usar este portal, también quienes usan un lector de
pantalla, solo el teclado, control por voz, ampliación o un teléfono.

# La norma

El portal busca cumplir las **Pautas de Accesibilidad para el Contenido Web (WCAG) 2.2,
nivel AA**, y la Sección 508. Está construido con el Sistema de Diseño Web de EE. UU. Cada
página se prueba automáticamente con axe-core en un navegador real, en pantallas del tamaño
de un teléfono y de un escritorio, y se revisa a mano con el teclado y con mucho zoom.

# Qué ayuda

- Cada página tiene un enlace «Saltar al contenido principal» y un botón «Salir de esta
  página»; pulsar Mayúsculas tres veces también sale de la página.
- Los formularios tienen etiquetas, mensajes de error claros y un resumen de los errores
  al principio.
- El portal está disponible en inglés y en español.

# Excepciones conocidas

- **Materiales descargables:** los archivos subidos se revisan por seguridad, no por
  accesibilidad; algunos carteles y folletos en PDF pueden no estar totalmente etiquetados
  para lectores de pantalla. Pida una versión accesible desde la página de contacto.
- **Videos de otros sitios:** los videos a los que enlazan materiales y cursos pueden no
  tener subtítulos ni audiodescripción.
- **Las páginas de administración** usan el administrador de Django, cuyo código la campaña
  no controla por completo; algunos de sus controles no tienen etiquetas visibles.

# Informar de un problema

Si algo del portal no le funciona, avísenos desde la [página de contacto](/es/contact/)
(elija «Un problema de accesibilidad»): la página, lo que intentaba hacer y el navegador o
la tecnología de apoyo que usa. La campaña responde en un plazo de cinco días hábiles y le
facilitará la información en otro formato si lo necesita.
""",
    },
    "contact": {
        "title": "Comuníquese con la campaña",
        "summary": "Preguntas sobre capacitaciones, materiales, alianzas, accesibilidad o sus "
        "datos.",
        "body": """\
Escriba al equipo de la campaña si tiene preguntas sobre capacitaciones, materiales y
copias impresas, cómo hacerse organización aliada, un problema de accesibilidad o los
datos que el portal guarda sobre usted. El equipo responde en días hábiles, normalmente
en menos de tres.
""",
    },
}


def initial_fields(slug: str) -> dict:
    """The first title, summary, body and review date of the page with this slug."""
    reviewed = REVIEWED_ON if slug in ("privacy", "accessibility") else None
    return {**ENGLISH[slug], "reviewed_on": reviewed}


def per_language_fields(slug: str) -> dict:
    """The first texts of the page with this slug in each language's column (`title_en`,
    `title_es`...), with its review date: the page shown while its row is missing."""
    texts = {"en": ENGLISH[slug], "es": SPANISH[slug]}
    return {
        **{f"{name}_{code}": text for code, page in texts.items() for name, text in page.items()},
        "reviewed_on": initial_fields(slug)["reviewed_on"],
    }
