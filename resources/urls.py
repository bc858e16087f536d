from django.urls import path

from resources import views

app_name = "resources"

urlpatterns = [
    path("", views.ResourceListView.as_view(), name="resource-list"),
    path("order/", views.OrderView.as_view(), name="order"),
    path("order/received/", views.OrderThanksView.as_view(), name="order-thanks"),
    path("orders/", views.MyOrdersView.as_view(), name="my-orders"),
    path("<slug:slug>/", views.ResourceDetailView.as_view(), name="resource-detail"),
    path("<slug:slug>/download/", views.ResourceDownloadView.as_view(), name="resource-download"),
]
