"""The privacy notice's last two sections, where they still read as first written, point
to the person's own data pages (download, deletion) and to the retention list the page
now shows below the text. A section an admin rewrote is left as it is."""

from django.db import migrations

# (language, the sections as first written, as they read now); frozen here.
SECTIONS = [
    (
        "en",
        '# How long it is kept\n\n- Accounts, memberships, training records and certificates: as long as the account exists,\n  so that certificates can be verified.\n- Queued emails and their records: deleted 30 days after they are sent.\n- Contact messages, orders and applications: as long as the campaign needs them to answer\n  and for its records.\n\n# Your choices\n\nYou can ask for a copy of the data the portal holds about you, for a correction, or for\nthe deletion of your account and its records. Send the request through the\n[contact page](/contact/) (choose "My data") from the email address of your account. The\ncampaign answers within 30 days.\n',
        '# How long it is kept\n\n- Accounts, memberships, training records and certificates: as long as the account exists,\n  so that certificates can be verified.\n- Everything else is erased by fixed rules, listed with their periods at the end of this\n  page.\n\n# Your choices\n\nSigned in, open **Your data** in the account menu: download a copy of everything the\nportal holds about you, or delete your account. Deleting erases your name, email address\nand contact details everywhere; the trainings you attended stay only as anonymous counts,\nand your certificates still verify by their code, without your name. For a correction,\nwrite through the [contact page](/contact/) (choose "My data"). The campaign answers\nwithin 30 days.\n',
    ),
    (
        "es",
        "# Cuánto tiempo se guarda\n\n- Cuentas, membresías, registros de capacitación y certificados: mientras exista la cuenta,\n  para que los certificados puedan verificarse.\n- Correos en cola y sus registros: se eliminan 30 días después de enviarse.\n- Mensajes de contacto, pedidos y solicitudes: mientras la campaña los necesite para\n  responder y para sus archivos.\n\n# Sus opciones\n\nPuede pedir una copia de los datos que el portal guarda sobre usted, su corrección o la\neliminación de su cuenta y sus registros. Envíe la solicitud desde la\n[página de contacto](/es/contact/) (elija «Mis datos») con el correo de su cuenta. La\ncampaña responde en un plazo de 30 días.\n",
        "# Cuánto tiempo se guarda\n\n- Cuentas, membresías, registros de capacitación y certificados: mientras exista la cuenta,\n  para que los certificados puedan verificarse.\n- Todo lo demás se borra según reglas fijas, que se enumeran con sus plazos al final de\n  esta página.\n\n# Sus opciones\n\nCon la sesión iniciada, abra **Sus datos** en el menú de la cuenta: descargue una copia de\ntodo lo que el portal guarda sobre usted o elimine su cuenta. Al eliminarla se borran de\ntodas partes su nombre, su correo electrónico y sus datos de contacto; las capacitaciones\na las que asistió quedan solo como cifras anónimas y sus certificados se siguen\nverificando por su código, sin su nombre. Para una corrección, escriba desde la\n[página de contacto](/es/contact/) (elija «Mis datos»). La campaña responde en un plazo de\n30 días.\n",
    ),
]


def point_to_your_data(apps, schema_editor):
    ContentPage = apps.get_model("campaign", "ContentPage")
    page = ContentPage.objects.filter(slug="privacy").first()
    if page is None:
        return
    for language, first, now in SECTIONS:
        for column in [f"body_{language}", *(["body"] if language == "en" else [])]:
            text = getattr(page, column) or ""
            if first in text:
                setattr(page, column, text.replace(first, now))
    page.save()


class Migration(migrations.Migration):
    dependencies = [
        ("campaign", "0013_search_vectors_per_language"),
    ]

    operations = [migrations.RunPython(point_to_your_data, migrations.RunPython.noop)]
