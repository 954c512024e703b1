using System.Net;
using System.Net.Sockets;
using AgentLedger.Core.Keys;
using AgentLedger.Server.Features.Admin;
using AgentLedger.Server.Tests.EndToEnd;
using AgentLedger.Server.Tests.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AgentLedger.Server.Tests.Gateway;

/// <summary>
/// A real AgentLedger whose gateway forwards to loopback stubs started first: OpenAI to the Responses stub (what
/// Codex talks to), Anthropic to the Messages stub (Claude Code), and, for <see cref="ScriptedWorkspace"/>, every
/// provider to a <see cref="ScriptedUpstream"/>. <see cref="DownWorkspace"/> points at a closed port. DLP blocks AWS
/// access key ids everywhere; <see cref="GatewayAccountingWorkspace"/> lets the gateway own its counts.
/// </summary>
public sealed class GatewayFixture : ServerFixture, IAsyncLifetime
{
    public const string ScriptedWorkspace = "ws-gw-scripted";
    public const string DownWorkspace = "ws-gw-down";
    public const string GatewayAccountingWorkspace = "ws-gw-owner";
    public const string OpenAiUpstreamKey = "sk-upstream-openai-held-by-agentledger";
    public const string AnthropicUpstreamKey = "sk-ant-upstream-held-by-agentledger";
    public const string GeminiUpstreamKey = "gm-upstream-held-by-agentledger";

    private int _closedPort;

    public StubResponsesServer OpenAi { get; private set; } = null!;

    public StubAnthropicServer Anthropic { get; private set; } = null!;

    public ScriptedUpstream Scripted { get; private set; } = null!;

    protected override IEnumerable<string> ExtraArgs =>
    [
        $"--Gateway:Upstreams:openai:BaseUrl={Root(OpenAi.BaseAddress)}/v1", $"--Gateway:Upstreams:openai:ApiKey={OpenAiUpstreamKey}",
        $"--Gateway:Upstreams:anthropic:BaseUrl={Root(Anthropic.BaseAddress)}", $"--Gateway:Upstreams:anthropic:ApiKey={AnthropicUpstreamKey}",
        $"--Gateway:Upstreams:gemini:BaseUrl={Root(Scripted.BaseAddress)}", $"--Gateway:Upstreams:gemini:ApiKey={GeminiUpstreamKey}",
        $"--Gateway:Workspaces:{ScriptedWorkspace}:Upstreams:openai:BaseUrl={Root(Scripted.BaseAddress)}/v1",
        $"--Gateway:Workspaces:{ScriptedWorkspace}:Upstreams:openai:ApiKey={OpenAiUpstreamKey}",
        $"--Gateway:Workspaces:{ScriptedWorkspace}:Upstreams:anthropic:BaseUrl={Root(Scripted.BaseAddress)}",
        $"--Gateway:Workspaces:{ScriptedWorkspace}:Upstreams:anthropic:ApiKey={AnthropicUpstreamKey}",
        $"--Gateway:Workspaces:{DownWorkspace}:Upstreams:openai:BaseUrl=http://127.0.0.1:{_closedPort}/v1",
        $"--Gateway:Workspaces:{DownWorkspace}:Upstreams:openai:ApiKey={OpenAiUpstreamKey}",
        $"--Gateway:Workspaces:{GatewayAccountingWorkspace}:Accounting=Gateway",
        "--Gateway:ResponseTimeout=00:00:03", "--Gateway:StreamIdleTimeout=00:00:03", "--Gateway:MaxRequestBodyBytes=1048576",
        "--Dlp:Rules:aws-access-key-id=Block",
    ];

    public new async ValueTask InitializeAsync()
    {
        OpenAi = await StubResponsesServer.StartAsync();
        Anthropic = await StubAnthropicServer.StartAsync();
        Scripted = await ScriptedUpstream.StartAsync();
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            _closedPort = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
        }

        await base.InitializeAsync();
    }

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await OpenAi.DisposeAsync();
        await Anthropic.DisposeAsync();
        await Scripted.DisposeAsync();
    }

    /// <summary>A key with the <c>gateway</c> scope, named like the user it is issued to.</summary>
    public async Task<string> GatewayKeyAsync(string workspaceId, string name, ApiKeyScope scopes = ApiKeyScope.Gateway) =>
        (await Services.GetRequiredService<ApiKeyIssuer>().IssueAsync(workspaceId, name, scopes, CancellationToken.None)).Token;

    public static string Root(Uri address) => address.GetLeftPart(UriPartial.Authority);
}
