"""A person's own data: its download, the deletion of their account, and the retention
rules the privacy page states (the retention jobs live in each app's jobs.py)."""
