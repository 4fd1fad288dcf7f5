from debtcli.cli.app import main

main()
