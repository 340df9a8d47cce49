"""The mystery-shopper programme (神秘人暗访): wave plans, shopper assignment, the
visit record, a third party's delivery, appeals and the programme report (docs/shop.md).

Above ``network`` in the layers (docs/architecture.md): it reads the organisation
directory and shows tables with the network's renderers.
"""
