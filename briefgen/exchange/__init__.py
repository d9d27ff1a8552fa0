"""Exchange with the argumentation world: the graph exported as AIF, Argdown, GraphML and DOT, and Argdown imported."""
