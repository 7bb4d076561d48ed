"""Maps: the background map's configuration, the points each map shows (catalogue,
site page, a client's suggestions, the job bank, the site editor's location picker)
and the journey-planner link. The map is drawn by ``static/js/maps.js`` (Leaflet,
vendored under ``static/vendor/``); every page with a map also lists the same places,
so the map is an addition and never the only way."""
