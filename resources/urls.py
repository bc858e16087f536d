app_name = "resources"

# Pages arrive with the resources issue; the prefix is reserved in campaign/urls.py.
urlpatterns: list = []
