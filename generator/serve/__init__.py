"""`c360 serve`: the dashboards, the customer 360 page and the REST API, without Looker."""
