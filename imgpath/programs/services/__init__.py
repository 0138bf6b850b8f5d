"""Write paths of the programs app, one module per topic."""
