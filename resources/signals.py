"""Retire cached facet counts whenever what they count changes."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from partners.models import Organization
from resources.models import Resource
from resources.queries import bump_catalog_version


@receiver(post_save, sender=Resource)
@receiver(post_delete, sender=Resource)
@receiver(post_save, sender=Organization)
@receiver(post_delete, sender=Organization)
@receiver(m2m_changed, sender=Resource.audiences.through)
@receiver(m2m_changed, sender=Resource.pillars.through)
def catalog_changed(**kwargs) -> None:
    bump_catalog_version()
