using System.Collections.Concurrent;
using AgentLedger.Server.Tests.EndToEnd;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AgentLedger.Server.Tests.Gateway;

/// <summary>
/// A loopback upstream whose answer each test scripts (<see cref="Respond"/>): provider error statuses, slow or broken
/// streams, Gemini and Chat Completions answers. It records every request it receives.
/// </summary>
public sealed class ScriptedUpstream : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ScriptedUpstream(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public ConcurrentQueue<StubRequest> Requests { get; } = new();

    /// <summary>Set when a request's connection was aborted by the caller (the gateway cancelled it).</summary>
    public TaskCompletionSource Aborted { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Func<HttpContext, Task> Respond { get; set; } = context =>
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    };

    public static async Task<ScriptedUpstream> StartAsync()
    {
        ScriptedUpstream? upstream = null;
        var (_, address) = await StubHost.StartAsync(web =>
        {
            upstream = new ScriptedUpstream(web);
            web.Map("/{**path}", upstream.HandleAsync);
        });
        upstream!.BaseAddress = address;
        return upstream;
    }

    public void Reset()
    {
        Requests.Clear();
        Aborted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public ValueTask DisposeAsync() => new(StubHost.StopAsync(_app));

    private async Task HandleAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        Requests.Enqueue(StubRequest.From(context, buffer.ToArray()));
        var aborted = Aborted;
        using var registration = context.RequestAborted.Register(() => aborted.TrySetResult());
        try
        {
            await Respond(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
        }
    }
}
