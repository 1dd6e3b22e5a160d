"""The log in and out: our JSON and CSV export, health-app shapes, our import and other apps'."""
