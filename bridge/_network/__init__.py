"""The network: request, uploadFile and downloadFile over httpx, WebSockets over httpx-ws,
progress, routing and the domain check, and the settings that bound them."""
