"""The staff web page (`hoidap web`): FastAPI app, pages, JSON API, accounts."""
