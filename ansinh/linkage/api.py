from ninja import Router

router = Router(tags=["linkage"])
