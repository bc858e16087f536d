"""Demo partners drawn from the campaign's public documents (facts only; our own words)."""

from datetime import date

from django.db import transaction

from campaign.demo_dates import working_day
from campaign.models import User
from partners.models import Agreement, Membership, Organization

K = Organization.Kind

# slug, name, acronym, kind, parent slug, state, country, partner since, description
ORGANIZATIONS = [
    ("dhs", "U.S. Department of Homeland Security", "DHS", K.FEDERAL, None, "DC", "US", None,
     "Runs the Blue Campaign from its Office of Partnership and Engagement, uniting the "
     "anti-trafficking work of its components under one name."),
    ("ice", "U.S. Immigration and Customs Enforcement", "ICE", K.FEDERAL, "dhs", "DC", "US", None,
     "The primary federal law enforcement agency for human trafficking investigations, with "
     "63 offices in 44 countries and a Victim Assistance Program. In 2013 it opened about "
     "1,025 trafficking cases, leading to 816 convictions."),
    ("cbp", "U.S. Customs and Border Protection", "CBP", K.FEDERAL, "dhs", "DC", "US", None,
     "More than 42,000 frontline officers and Border Patrol agents at 327 ports of entry and "
     "along nearly 7,000 miles of land border."),
    ("uscis", "U.S. Citizenship and Immigration Services", "USCIS", K.FEDERAL, "dhs", "DC", "US",
     None, "Grants T and U nonimmigrant status, the immigration relief that lets victims stay "
     "and help investigations."),
    ("fletc", "Federal Law Enforcement Training Centers", "FLETC", K.FEDERAL, "dhs", "GA", "US",
     None, "Develops human trafficking training modules; in 2010 it built a web-based course "
     "on recognizing trafficking during routine duties."),
    ("caceo", "California Association of Code Enforcement Officers", "CACEO", K.ASSOCIATION,
     None, "CA", "US", date(2022, 2, 7),
     "Represents more than 1,800 code enforcement officers across California, who meet "
     "victims in the field while inspecting homes and businesses."),
    ("city-of-los-angeles", "City of Los Angeles", "", K.STATE_LOCAL, None, "CA", "US", None,
     "City departments from police and fire to ports, housing and building and safety take "
     "federal training in detection, investigation and victim protection."),
    ("lapd", "Los Angeles Police Department", "LAPD", K.STATE_LOCAL, "city-of-los-angeles",
     "CA", "US", None, "Works with social service providers through the Los Angeles Regional "
     "Human Trafficking Task Force."),
    ("lafd", "Los Angeles Fire Department", "LAFD", K.STATE_LOCAL, "city-of-los-angeles", "CA",
     "US", None, "First responders who may be the first to see a victim."),
    ("port-of-los-angeles", "Port of Los Angeles", "", K.STATE_LOCAL, "city-of-los-angeles",
     "CA", "US", None, "Staff at one of the country's busiest ports."),
    ("la-housing", "Los Angeles Housing Department", "", K.STATE_LOCAL, "city-of-los-angeles",
     "CA", "US", None, "Housing inspectors who enter homes across the city."),
    ("ladbs", "Los Angeles Department of Building and Safety", "LADBS", K.STATE_LOCAL,
     "city-of-los-angeles", "CA", "US", None,
     "Building inspectors who see workplaces and dwellings from the inside."),
    ("lasd", "Los Angeles County Sheriff's Department", "LASD", K.STATE_LOCAL, None, "CA", "US",
     None, "Fights trafficking with other agencies through the Los Angeles Regional Human "
     "Trafficking Task Force."),
    ("ed", "U.S. Department of Education", "ED", K.FEDERAL, None, "DC", "US", None,
     "Develops trafficking indicator training and resources for school administrators, "
     "teachers and staff with the campaign."),
    ("gsa", "U.S. General Services Administration", "GSA", K.FEDERAL, None, "DC", "US", None,
     "Displays human trafficking awareness materials in government-owned buildings across "
     "the United States."),
    ("cast", "Coalition to Abolish Slavery and Trafficking", "CAST", K.NGO, None, "CA", "US",
     None, "Provides social services, shelter and legal help to survivors, and believes public "
     "awareness leads to more victims being identified."),
    ("cops-office", "Office of Community Oriented Policing Services", "COPS", K.FEDERAL, None,
     "DC", "US", None, "Offers law enforcement resources under the Federal Strategic Action "
     "Plan on Services for Victims of Human Trafficking, 2013-2017."),
    ("guatemala", "Government of Guatemala", "", K.INTERNATIONAL, None, "", "GT", None,
     "Coordinates with DHS on combating trafficking in persons."),
    ("panama", "Government of Panama", "", K.INTERNATIONAL, None, "", "PA", None,
     "Coordinates with DHS on combating trafficking in persons."),
    ("public-safety-canada", "Public Safety Canada", "", K.INTERNATIONAL, None, "", "CA", None,
     "Shares information with U.S. agencies on smuggling and human trafficking cases."),
]  # fmt: skip

A = Agreement.Kind
AGREEMENTS = [
    ("caceo", A.PARTNERSHIP, date(2022, 2, 7), "",
     "Training and resources for CACEO members; launched with a webinar on how code "
     "enforcement officers can recognize and report human trafficking."),
    ("city-of-los-angeles", A.PARTNERSHIP, None,
     "Alejandro Mayorkas, DHS Deputy Secretary\nEric Garcetti, Mayor of Los Angeles",
     "Brings city departments into the campaign, with federal training for city personnel."),
    ("ed", A.PARTNERSHIP, None, "",
     "Joint work on trafficking indicator training for school staff."),
    ("gsa", A.PARTNERSHIP, None, "",
     "Awareness materials displayed in federal buildings."),
    ("guatemala", A.LETTER_OF_INTENT, None, "Janet Napolitano, Secretary of Homeland Security",
     "Coordinating efforts against trafficking in persons."),
    ("panama", A.LETTER_OF_INTENT, None, "Janet Napolitano, Secretary of Homeland Security",
     "Coordinating efforts against trafficking in persons."),
    ("public-safety-canada", A.MOU, None,
     "Janet Napolitano, Secretary of Homeland Security\nEric Holder, U.S. Attorney General\n"
     "Vic Toews, Minister of Public Safety of Canada",
     "Cooperation in sharing information on smuggling and human trafficking cases, signed at "
     "the Cross-Border Crime Forum in Ottawa."),
]  # fmt: skip


def load_partners(*, memberships: list[tuple[User, str, str, str]]) -> None:
    """Creates or updates the demo organizations and agreements, and the given memberships
    as (user, organization slug, role, status)."""
    with transaction.atomic():
        by_slug: dict[str, Organization] = {}
        for slug, name, acronym, kind, parent, state, country, since, text in ORGANIZATIONS:
            by_slug[slug], _ = Organization.objects.update_or_create(
                slug=slug,
                defaults={
                    "name": name,
                    "acronym": acronym,
                    "kind": kind,
                    "parent": by_slug.get(parent) if parent else None,
                    "state": state,
                    "country": country,
                    "partner_since": since,
                    "description": text,
                    "status": Organization.Status.ACTIVE,
                    "listed": True,
                },
            )
        for slug, kind, signed_on, signatories, summary in AGREEMENTS:
            Agreement.objects.update_or_create(
                organization=by_slug[slug],
                kind=kind,
                defaults={"signed_on": signed_on, "signatories": signatories, "summary": summary},
            )
        for number, (user, slug, role, status) in enumerate(memberships):
            active = status == Membership.Status.ACTIVE
            # Members joined on weekday mornings over the past year or so; a request to
            # join came in a few days ago.
            joined = working_day(-(400 - 60 * number), 9 + number % 6, "America/Los_Angeles")
            asked = working_day(-3, 11, "America/Los_Angeles")
            Membership.objects.update_or_create(
                user=user,
                organization=by_slug[slug],
                status__in=Membership.LIVE_STATUSES,
                defaults={"role": role, "status": status},
                create_defaults={
                    "role": role,
                    "status": status,
                    "started_at": joined if active else None,
                    "requested_at": joined if active else asked,
                    "message": "" if active else "Code enforcement officer, City of Fresno.",
                },
            )
