from django.urls import include, path

from resources import views

app_name = "resources"

# order/: the order form and its thank-you page.
order_patterns = [
    path("", views.OrderView.as_view(), name="order"),
    path("received/", views.OrderThanksView.as_view(), name="order-thanks"),
]

# <slug:slug>/: one material, its page and its file.
resource_patterns = [
    path("", views.ResourceDetailView.as_view(), name="resource-detail"),
    path("download/", views.ResourceDownloadView.as_view(), name="resource-download"),
]

urlpatterns = [
    path("", views.ResourceListView.as_view(), name="resource-list"),
    path("order/", include(order_patterns)),
    path("orders/", views.MyOrdersView.as_view(), name="my-orders"),
    # Last: a material's slug would take the fixed prefixes above.
    path("<slug:slug>/", include(resource_patterns)),
]
