using AgentLedger.Server.Cli;

// Program only composes: the command line decides what runs (serve by default), AgentLedgerApp builds the host.
return await AgentLedgerCommandLine.InvokeAsync(args);
