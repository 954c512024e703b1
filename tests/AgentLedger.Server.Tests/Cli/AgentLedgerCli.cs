using System.Diagnostics;
using System.Net;
using AgentLedger.Server.Hosting;
using AgentLedger.Server.Tests.Testing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLedger.Server.Tests.Cli;

/// <summary>Runs the real <c>agentledger</c> executable (the server dll beside the tests) as an operator would.</summary>
internal static class AgentLedgerCli
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "agentledger.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await output, await error);
    }

    /// <summary>
    /// Serves the database in-process (Kestrel on a loopback port), stores <paramref name="prompts"/> prompt events through
    /// the events API with <paramref name="ingestToken"/>, runs <paramref name="whileServing"/>, and stops.
    /// </summary>
    public static async Task ServeAndIngestAsync(string databaseArg, string ingestToken, int prompts, Func<Task>? whileServing = null)
    {
        await using var app = AgentLedgerApp.Build(["--urls", "http://127.0.0.1:0", "--Otlp:Grpc:Port=0", databaseArg]);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var client = new HttpClient { BaseAddress = new Uri(address) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", ingestToken);
        var events = Enumerable.Range(0, prompts).Select(i => EventBuilder.Prompt().User("dev@example.com").Prompt($"step {i}")).ToArray();
        Assert.Equal(HttpStatusCode.OK, (await client.PostEventsAsync(EventBuilder.Batch(events))).StatusCode);
        if (whileServing is not null)
        {
            await whileServing();
        }

        await app.StopAsync();
    }
}
