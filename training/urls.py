app_name = "training"

# Pages arrive with the training issue; the prefix is reserved in campaign/urls.py.
urlpatterns: list = []
