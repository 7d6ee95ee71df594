from stancekit.cli import main

main()
