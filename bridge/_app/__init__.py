"""The app framework's host side: the project loader and its module transform, the Python
handles on the app, its pages and components, and the scripted answers."""
