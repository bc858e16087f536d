"""Writes to materials and print orders, each in one transaction.

Downloads are counted with F() updates, so parallel downloads never lose a count. Order
status moves lock the order row and re-check its status after locking, so two admins
acting at once make one transition and send one email.
"""

from datetime import UTC, date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from campaign.audit import log_action
from campaign.emails import absolute_url, send_portal_mail, tell_campaign_admins
from campaign.models import User
from partners.models import Organization
from resources.models import DownloadMonth, MaterialOrder, OrderItem, Resource

Status = MaterialOrder.Status


def _month_of(moment) -> date:
    return moment.astimezone(UTC).date().replace(day=1)


def record_download(*, resource: Resource) -> None:
    """Adds one to the material's download count and to its count for this month (UTC),
    in one transaction; F() updates make every parallel download count."""
    month = _month_of(timezone.now())
    with transaction.atomic():
        Resource.objects.filter(pk=resource.pk).update(download_count=F("download_count") + 1)
        counted = DownloadMonth.objects.filter(resource=resource, month=month).update(
            count=F("count") + 1
        )
        if counted:
            return
        try:
            with transaction.atomic():
                DownloadMonth.objects.create(resource=resource, month=month, count=1)
        except IntegrityError:
            # Another download created this month's row first: count on it.
            DownloadMonth.objects.filter(resource=resource, month=month).update(
                count=F("count") + 1
            )


def _mail(order: MaterialOrder, template: str) -> None:
    send_portal_mail(
        template=f"resources/email/{template}",
        to=[order.email],
        context={
            "order": order,
            "items": list(order.items.select_related("resource")),
            "orders_url": absolute_url("/materials/orders/"),
        },
    )


def place_order(
    *,
    requester: User | None,
    contact_name: str,
    email: str,
    phone: str = "",
    organization_name: str,
    organization: Organization | None = None,
    shipping_address: str,
    display_location: str,
    items: list[tuple[Resource, int]],
) -> MaterialOrder:
    """Creates the order and its items in one transaction after checking that each material
    is published, orderable and visible to the requester, and each quantity within its limit.
    Emails the requester a confirmation after commit."""
    from resources import access

    wanted = [(resource, quantity) for resource, quantity in items if quantity]
    if not wanted:
        raise ValidationError(_("Choose at least one material and how many copies you need."))
    problems = []
    for resource, quantity in wanted:
        if not (resource.orderable and access.can_see(requester or _anonymous(), resource)):
            problems.append(
                _("“%(title)s” cannot be ordered in print.") % {"title": resource.title}
            )
        elif quantity < 0 or quantity > resource.max_per_order:
            problems.append(
                _("“%(title)s”: order between 1 and %(most)s copies.")
                % {"title": resource.title, "most": resource.max_per_order}
            )
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        order = MaterialOrder(
            requester=requester,
            contact_name=contact_name.strip(),
            email=email.strip(),
            phone=phone.strip(),
            organization_name=organization_name.strip(),
            organization=organization,
            shipping_address=shipping_address.strip(),
            display_location=display_location.strip(),
        )
        order.full_clean()
        order.save()
        OrderItem.objects.bulk_create(
            [OrderItem(order=order, resource=r, quantity=q) for r, q in wanted]
        )
        log_action(
            actor=requester,
            action="resources.order.place",
            target=order,
            data={"items": {str(r.pk): q for r, q in wanted}},
        )
        _mail(order, "order_received")
        tell_campaign_admins(
            "resources/email/order_placed_admin",
            about=order,
            context={"order": order, "items": list(order.items.select_related("resource"))},
            taking_notices=True,
        )
    return order


def _anonymous():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


# Each move: the statuses it leaves from, the status it reaches, its timestamp field.
MOVES = {
    "approve": ((Status.SUBMITTED,), Status.APPROVED, "approved_at"),
    "ship": ((Status.APPROVED,), Status.SHIPPED, "shipped_at"),
    "reject": ((Status.SUBMITTED, Status.APPROVED), Status.REJECTED, "rejected_at"),
}


def _lock_order(order: MaterialOrder) -> MaterialOrder:
    return MaterialOrder.objects.select_for_update().get(pk=order.pk)


def _move(
    order: MaterialOrder,
    move: str,
    *,
    actor: User,
    reason: str = "",
    tracking_number: str = "",
) -> MaterialOrder:
    sources, target, stamp = MOVES[move]
    with transaction.atomic():
        order = _lock_order(order)
        if order.status not in sources:
            raise ValidationError(
                f"Order {order.pk} is {order.get_status_display().lower()}; "
                f"it cannot be {target.label.lower()} now."
            )
        order.status = target
        setattr(order, stamp, timezone.now())
        fields = ["status", stamp]
        if move == "reject":
            order.rejection_reason = reason
            fields.append("rejection_reason")
        if tracking_number:
            order.tracking_number = tracking_number
            fields.append("tracking_number")
        order.save(update_fields=fields)
        log_action(
            actor=actor,
            action=f"resources.order.{move}",
            target=order,
            reason=reason,
            data={"tracking_number": tracking_number} if tracking_number else None,
        )
        _mail(order, f"order_{target}")
    return order


def approve_order(*, order: MaterialOrder, decided_by: User) -> MaterialOrder:
    """submitted → approved; locks the order row; logs who approved; emails the requester
    after commit."""
    return _move(order, "approve", actor=decided_by)


def ship_order(
    *, order: MaterialOrder, shipped_by: User, tracking_number: str = ""
) -> MaterialOrder:
    """approved → shipped, with the carrier's tracking number when the admin gives one
    (the requester's email carries it); locks the order row; logs who shipped it."""
    return _move(order, "ship", actor=shipped_by, tracking_number=tracking_number.strip())


def reject_order(*, order: MaterialOrder, decided_by: User, reason: str) -> MaterialOrder:
    """submitted or approved → rejected with a reason the requester is emailed."""
    if not reason.strip():
        raise ValidationError("Give the reason for rejecting the order; the requester sees it.")
    return _move(order, "reject", actor=decided_by, reason=reason.strip())


def set_published(
    *, resources: QuerySet[Resource], published: bool, changed_by: User
) -> list[Resource]:
    """Publishes (or unpublishes) the given materials and returns those it changed, each
    logged as done by `changed_by`; the rows are locked so two admins change each once."""
    changed = []
    with transaction.atomic():
        rows = Resource.objects.filter(pk__in=resources.values("pk"))
        for resource in rows.select_for_update().order_by("pk"):
            if resource.published == published:
                continue
            resource.published = published
            resource.save(update_fields=["published"])
            log_action(
                actor=changed_by,
                action=f"resources.material.{'publish' if published else 'unpublish'}",
                target=resource,
            )
            changed.append(resource)
    return changed


def erase_old_order_addresses() -> int:
    """Data retention: erases the contact details and shipping address of the orders shipped
    or refused PRINT_ORDER_ADDRESS_RETENTION_DAYS ago or more (the items and dates stay, so
    the copies shipped still count), and returns how many. Idempotent; the log entry counts
    orders, naming no one."""
    before = timezone.now() - timedelta(days=settings.PRINT_ORDER_ADDRESS_RETENTION_DAYS)
    with transaction.atomic():
        erased = (
            MaterialOrder.objects.filter(Q(shipped_at__lt=before) | Q(rejected_at__lt=before))
            .exclude(contact_name="", email="", phone="", shipping_address="")
            .update(contact_name="", email="", phone="", shipping_address="")
        )
        if erased:
            log_action(actor=None, action="resources.order.erase_address", data={"orders": erased})
    return erased
