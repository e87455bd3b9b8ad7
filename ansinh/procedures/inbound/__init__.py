"""The exchanges with national services that drive a dossier's workflow: dossiers the National Public Service
Portal forwards (`receiving`), results handed to VNPost and the parcels' tracking (`postal`), and the endpoints
those services call (`api`). The clients the workflow itself calls live in `integrations`."""
