"""HTTP controllers of the API, one module per resource."""
