from rembug.cli import main

main()
