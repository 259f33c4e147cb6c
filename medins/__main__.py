from medins.cli import main

raise SystemExit(main())
