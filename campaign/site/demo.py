"""Demo news, impact figures, action plan and pillar pages, drawn from the campaign's public
documents (their facts, in the portal's own words)."""

from datetime import UTC, date, datetime

from django.db import transaction

from campaign.demo_dates import last_year, this_year
from campaign.models import (
    ActionItem,
    ImpactFigure,
    NewsPost,
    Pillar,
    PlanGoal,
    PlanObjective,
    User,
)
from partners.models import Organization
from training.models import Enrollment, Session
from training.services import issue_due_certificates

PILLAR_DESCRIPTIONS = {
    "prevention": (
        "Prevention starts with people knowing what trafficking looks like. At home, the "
        "campaign raises public awareness so that more people notice the signs and report "
        "them. Abroad, it reaches people looking for work in the United States, who may be "
        "lured by a trafficker's false offer.\n\n"
        "Partners help by training their staff and by putting posters and indicator cards "
        "where the public, and victims, will see them."
    ),
    "protection": (
        "Protection means help for the victim, not only a case against the trafficker. "
        "Victims who are not U.S. citizens can receive **Continued Presence**, a **T visa** "
        "or a **U visa**, so that fear of deportation does not keep them silent. Victim "
        "assistance specialists work beside investigators and non-governmental service "
        "providers, and materials in many languages tell victims their rights."
    ),
    "prosecution": (
        "Prosecution depends on officers who recognize the indicators and know how to build a "
        "victim-centered case. Every year thousands of federal, state, local, tribal and "
        "international officers are trained to do so, and U.S. Immigration and Customs "
        "Enforcement leads investigations at home and overseas."
    ),
    "partnerships": (
        "No agency can end trafficking alone. The fourth P joins government at every level "
        "with non-governmental organizations, associations and businesses: a code "
        "enforcement association that trains its members, a city whose police, fire, port "
        "and housing staff take federal training, a department of education that reaches "
        "schools."
    ),
}

# slug, title, published (None: a draft), pillar, partner slugs, summary, body
NEWS = [
    ("caceo-webinar-launches-partnership",
     "A webinar for code enforcement officers opens the CACEO partnership",
     datetime(2022, 2, 7, 18, tzinfo=UTC), "prevention", ["caceo", "dhs"],
     "The partnership with the California Association of Code Enforcement Officers began with "
     "a webinar on recognizing and reporting human trafficking.",
     "On **February 7, 2022** the partnership between the campaign and the California "
     "Association of Code Enforcement Officers (CACEO) began with an informational webinar.\n\n"
     "It showed how code enforcement officers, who inspect homes and businesses every day, "
     "can play a part in recognizing human trafficking and reporting it safely.\n\n"
     "## Watch for the next session\n\n"
     "The webinar is offered again for CACEO members and other code enforcement staff: "
     "see [upcoming trainings](/trainings/)."),
    ("caceo-joins-the-campaign",
     "California's code enforcement officers join the campaign",
     datetime(2022, 4, 20, 16, tzinfo=UTC), "partnerships", ["caceo", "dhs"],
     "CACEO, which represents more than 1,800 code enforcement officers across California, "
     "is now a campaign partner.",
     "The California Association of Code Enforcement Officers (CACEO) and the campaign have "
     "announced their partnership, which brings training and resources to CACEO members.\n\n"
     "CACEO represents more than 1,800 code enforcement officers across California. Its "
     "president, Jamie Zeller, pointed out that officers meet trafficking in the field in "
     "many situations, and that the partnership gives victims another safe person to turn "
     "to. For the campaign, program manager Brandi Bynum noted that code enforcement "
     "officers are well placed to meet victims of a crime that often goes unreported.\n\n"
     "The partnership supports ongoing education on combating human trafficking."),
    ("education-and-gsa-partnerships",
     "New partnerships with the Department of Education and GSA",
     datetime(2014, 6, 2, 15, tzinfo=UTC), "partnerships", ["dhs", "ed", "gsa"],
     "Training on trafficking indicators for schools, and awareness materials in federal "
     "buildings across the country.",
     "At a meeting of the President's Interagency Task Force to Monitor and Combat "
     "Trafficking in Persons, the Secretary of Homeland Security announced two partnerships:\n\n"
     "- with the **Department of Education**, to develop training on trafficking indicators "
     "and other resources for school administrators, teachers and staff;\n"
     "- with the **General Services Administration**, to display awareness materials in "
     "government-owned buildings across the United States.\n\n"
     "The Secretary also reported that in 2013 ICE opened about 1,025 cases related to "
     "human trafficking, many with the public's help, leading to 816 convictions and the "
     "identification of more than 330 victims."),
    ("los-angeles-agreement",
     "Los Angeles signs on: city departments join the campaign",
     datetime(2015, 11, 5, 20, tzinfo=UTC), "partnerships",
     ["city-of-los-angeles", "dhs", "lapd", "lafd", "port-of-los-angeles", "la-housing",
      "ladbs", "cast"],
     "Police, fire, port, housing and building and safety staff of the City of Los Angeles "
     "will receive federal training in detection, investigation and victim protection.",
     "The City of Los Angeles and the Department of Homeland Security signed an agreement at "
     "a ceremony in City Hall, with the DHS Deputy Secretary, Alejandro Mayorkas, and the "
     "Mayor, Eric Garcetti.\n\n"
     "Under the agreement, city departments from police and fire to the port, housing and "
     "building and safety join the campaign, and city personnel receive federal training in "
     "detection, investigation and victim protection.\n\n"
     "Members of the Coalition to Abolish Slavery and Trafficking (CAST), which offers "
     "shelter, social services and legal help to survivors, attended the signing. For CAST, "
     "education is the key to identifying more victims."),
    ("action-plan-progress-draft",
     "Progress on the action plan's law enforcement items",
     None, "prosecution", ["cops-office"],
     "Where the action items of law enforcement interest stand.",
     "A draft for admins to preview: see the [action plan](/plan/)."),
]  # fmt: skip


def recent_news() -> list[tuple]:
    """Two posts of the demo's own, dated from today (a weekday, in office hours): one
    from this year, one from last year, so the news reads as current. Same fields as NEWS."""
    return [
        ("first-responder-webinar-full",
         "First responder webinar full: a second session is open",
         this_year(18, 10, "America/Los_Angeles"), "prevention", ["dhs"],
         "Every seat of the next Human Trafficking Awareness for First Responders webinar "
         "is taken; a second session has been added.",
         "The next session of **Human Trafficking Awareness for First Responders** filled "
         "within days, and a waitlist has formed. People on the waitlist move up in order "
         "when someone gives back a seat.\n\n"
         "A second session, open to anyone with an account, has been added: see "
         "[upcoming trainings](/trainings/)."),
        ("indicator-card-chinese-vietnamese",
         "The indicator card is now in Chinese and Vietnamese",
         last_year(9, 15, 11, "America/New_York"), "protection", ["dhs"],
         "The pocket card of trafficking indicators can now be downloaded in Chinese and "
         "Vietnamese, beside English and Spanish.",
         "The **Human Trafficking Indicator Card** lists common signs of trafficking and "
         "where to call. It is now available in Chinese and Vietnamese as well as English "
         "and Spanish, so that more of the people who may meet a victim, and more victims, "
         "can read it.\n\n"
         "Find every version on the [materials page](/materials/)."),
    ]  # fmt: skip


ICE_2013 = "U.S. Immigration and Customs Enforcement (ICE)"
# label, value, qualifier, year, source, headline
FIGURES = [
    ("trafficking cases opened", 1025, ImpactFigure.Qualifier.ABOUT, 2013, ICE_2013, True),
    ("convictions", 816, ImpactFigure.Qualifier.EXACT, 2013, ICE_2013, True),
    ("victims identified", 330, ImpactFigure.Qualifier.MORE_THAN, 2013, ICE_2013, True),
    ("code enforcement officers represented by CACEO", 1800,
     ImpactFigure.Qualifier.MORE_THAN, 2022, "California Association of Code Enforcement "
     "Officers (CACEO)", False),
]  # fmt: skip

GOALS = [
    (1, "Align efforts",
     "Promote a strategic, coordinated approach to services for victims at the federal, "
     "regional, state, territorial, tribal and local levels."),
    (2, "Improve understanding",
     "Expand and coordinate research, data and evaluation so that victim services rest on "
     "evidence."),
    (3, "Expand access to services",
     "Offer outreach, training and technical assistance so that more victims are identified "
     "and more services are available."),
    (4, "Improve outcomes",
     "Promote effective, culturally appropriate, trauma-informed services for victims' "
     "short- and long-term health, safety and well-being."),
]  # fmt: skip

# goal, number, title
OBJECTIVES = [
    (1, 1, "Coordinate federal policies and guidance on services for victims"),
    (1, 2, "Strengthen task forces and regional coordination"),
    (2, 1, "Gather better data on victims and the services they receive"),
    (2, 2, "Evaluate what works in victim services"),
    (3, 1, "Build awareness among the people most likely to meet victims"),
    (3, 2, "Train law enforcement to identify victims and investigate"),
    (4, 1, "Make immigration relief known and usable"),
    (4, 2, "Serve child victims and tribal communities"),
]

# goal, objective, title, lead slug, status, due date. The plan ran from 2013 to 2017: items
# with a product in the demo (toolkit, videos, guides, e-Guide) are done; training that
# still runs is in progress, past its date, so the plan page marks it overdue.
ACTION_ITEMS = [
    (4, 2, "Develop a toolkit on the commercial sexual exploitation of children for law "
     "enforcement", "cops-office", "done", date(2015, 9, 30)),
    (3, 2, "Provide roll-call videos, training materials and speakers to national law "
     "enforcement membership organizations", "cops-office", "done", date(2016, 12, 31)),
    (4, 1, "Produce two roll-call videos for state and local officers on how immigration "
     "relief helps investigations", "uscis", "done", date(2015, 6, 30)),
    (4, 1, "Produce a T visa resource guide for law enforcement, alongside the U visa guide",
     "uscis", "done", date(2015, 3, 31)),
    (3, 1, "Provide general awareness training for first responder communities", "dhs",
     "in_progress", date(2017, 6, 30)),
    (3, 2, "Revise and deliver training to federal, state, territorial, tribal and local law "
     "enforcement", "fletc", "in_progress", date(2017, 9, 30)),
    (3, 2, "Conduct investigative trainings for law enforcement personnel", "ice", "done",
     date(2016, 9, 30)),
    (1, 2, "Update the Anti-Human Trafficking Task Force Strategy and Operations e-Guide, "
     "with strategies for outreach and awareness", "cops-office", "done",
     date(2017, 12, 31)),
    (4, 2, "Design and deliver a human trafficking training for tribal law enforcement",
     "cops-office", "in_progress", date(2017, 12, 31)),
    (1, 1, "Issue federal guidance on the services victims of trafficking may receive",
     "dhs", "done", date(2015, 12, 31)),
    (2, 1, "Collect data on the victims served by federally funded programs", None,
     "in_progress", date(2017, 9, 30)),
    (2, 2, "Evaluate law enforcement training on identifying victims", "fletc", "done",
     date(2016, 6, 30)),
]  # fmt: skip


# Past attendance, so that the impact page has people to count: (course slug, how many,
# organization slug or None). Fictional people without a usable password.
ATTENDANCE = [
    ("code-enforcement-webinar", 24, "caceo"),
    ("indicators-for-school-staff", 9, None),
]


def load_attendance() -> None:
    """Marks demo attendees as having attended the first completed session of each course."""
    organizations = {o.slug: o for o in Organization.objects.all()}
    number = 0
    for course_slug, count, organization in ATTENDANCE:
        session = (
            Session.objects.filter(course__slug=course_slug, status=Session.Status.COMPLETED)
            .order_by("starts_at")
            .first()
        )
        if session is None:
            continue
        for _ in range(count):
            number += 1
            person, created = User.objects.get_or_create(
                email=f"attendee{number:02d}@demo.blue-campaign.test",
                defaults={"name": f"Demo Attendee {number:02d}"},
            )
            if created:
                person.set_unusable_password()
                person.save(update_fields=["password"])
            Enrollment.objects.get_or_create(
                user=person,
                session=session,
                defaults={
                    "status": Enrollment.Status.ATTENDED,
                    "organization": organizations.get(organization) if organization else None,
                    "registered_at": session.starts_at,
                    "queued_at": session.starts_at,
                    "created_at": session.starts_at,
                },
            )
    # Attendance at an ended session earns its certificate: the scheduled job's own service
    # issues them now, dated the day attended, not a minute after the demo is up.
    issue_due_certificates()


def load_campaign() -> None:
    """Creates or updates the pillar texts, news, reported figures and the action plan.
    Safe to run again: records are matched by slug, label or number."""
    with transaction.atomic():
        organizations = {o.slug: o for o in Organization.objects.all()}
        pillars = {p.slug: p for p in Pillar.objects.all()}
        for pillar in pillars.values():
            if pillar.slug in PILLAR_DESCRIPTIONS:
                # Saved, not updated: the English column and the original one both change.
                pillar.description = PILLAR_DESCRIPTIONS[pillar.slug]
                pillar.save()
        for slug, title, published_at, pillar, partners, summary, body in [
            *NEWS,
            *recent_news(),
        ]:
            post, _ = NewsPost.objects.update_or_create(
                slug=slug,
                defaults={
                    "title": title,
                    "summary": summary,
                    "body": body,
                    "pillar": pillars.get(pillar),
                    "status": NewsPost.Status.PUBLISHED if published_at else NewsPost.Status.DRAFT,
                    "published_at": published_at,
                },
            )
            post.organizations.set([organizations[s] for s in partners if s in organizations])
        for position, (label, value, qualifier, year, source, headline) in enumerate(FIGURES):
            ImpactFigure.objects.update_or_create(
                label=label,
                year=year,
                source=source,
                defaults={
                    "value": value,
                    "qualifier": qualifier,
                    "headline": headline,
                    "position": position,
                },
            )
        goals = {}
        for number, title, description in GOALS:
            goals[number], _ = PlanGoal.objects.update_or_create(
                number=number, defaults={"title": title, "description": description}
            )
        objectives = {}
        for goal, number, title in OBJECTIVES:
            objectives[goal, number], _ = PlanObjective.objects.update_or_create(
                goal=goals[goal], number=number, defaults={"title": title}
            )
        for position, (goal, objective, title, lead, status, due_on) in enumerate(ACTION_ITEMS):
            ActionItem.objects.update_or_create(
                objective=objectives[goal, objective],
                title=title,
                defaults={
                    "lead_organization": organizations.get(lead),
                    "status": status,
                    "due_on": due_on,
                    "position": position,
                },
            )
        load_attendance()
