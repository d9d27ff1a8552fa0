from briefgen.cli import console

console()
