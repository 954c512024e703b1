using System.Net;
using Microsoft.Extensions.Options;

namespace AgentLedger.Server.Features.Gateway;

/// <summary>
/// The one HttpClient the gateway forwards with: pooled connections, no redirects (a redirect would leave the
/// configured upstream), no automatic decompression (bytes are relayed as they come) and no client-wide timeout
/// (the forwarder applies its own, per phase).
/// </summary>
public sealed class GatewayHttpClient : IDisposable
{
    public GatewayHttpClient(IOptions<GatewayOptions> options)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = options.Value.ConnectTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            UseCookies = false,
        };
        Client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public HttpClient Client { get; }

    public void Dispose() => Client.Dispose();
}
