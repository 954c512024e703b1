using System.CommandLine;
using AgentLedger.Server.Hosting;

namespace AgentLedger.Server.Cli;

/// <summary>
/// The executable's commands: <c>serve</c> (the default), <c>migrate</c>, <c>keys</c>, <c>users</c>, <c>verify</c> and <c>rebuild</c>. Arguments a command does
/// not know are passed to the host as configuration (<c>--urls</c>, <c>--Storage:Sqlite:Path=…</c>).
/// </summary>
public static class AgentLedgerCommandLine
{
    public static Task<int> InvokeAsync(string[] args)
    {
        var root = new RootCommand("AgentLedger: governance and observability for AI coding agents.");
        var serve = ServeCommand.Create();
        root.Subcommands.Add(serve);
        root.Subcommands.Add(MigrateCommand.Create());
        root.Subcommands.Add(KeysCommand.Create());
        root.Subcommands.Add(UsersCommand.Create());
        root.Subcommands.Add(VerifyCommand.Create());
        root.Subcommands.Add(RebuildCommand.Create());

        // No command, or only options: serve.
        var known = root.Subcommands.Select(c => c.Name).Append("--help").Append("-h").Append("-?").Append("--version");
        if (args.Length == 0 || !known.Contains(args[0], StringComparer.Ordinal))
        {
            args = ["serve", .. args];
        }

        return root.Parse(args).InvokeAsync();
    }

    /// <summary>Builds a non-web host for commands that use storage but serve nothing.</summary>
    internal static IHost BuildToolHost(IReadOnlyList<string> hostArgs)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = hostArgs.ToArray(),
            ContentRootPath = AppContext.BaseDirectory,
        });
        // A command's output is its answer; only warnings and errors of the host belong beside it.
        builder.Configuration.AddInMemoryCollection([new("Logging:LogLevel:Default", "Warning")]);
        AgentLedgerApp.AddServices(builder);
        return builder.Build();
    }
}
