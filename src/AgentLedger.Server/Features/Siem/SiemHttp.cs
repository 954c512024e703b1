using System.Net.Sockets;
using AgentLedger.Core.Siem;

namespace AgentLedger.Server.Features.Siem;

/// <summary>The HTTP plumbing the HTTP destinations share: one client per destination with its TLS settings, and failures as results.</summary>
public static class SiemHttp
{
    public static HttpClient CreateClient(SiemDestination destination, TimeSpan timeout)
    {
        var url = destination.Endpoint.Url!;
        var handler = new SocketsHttpHandler
        {
            SslOptions = SiemTls.ClientOptions(destination, url.IdnHost),
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = timeout,
            AutomaticDecompression = System.Net.DecompressionMethods.None,
        };
        return new HttpClient(handler) { Timeout = timeout };
    }

    /// <summary>Sends and classifies; an exception on the way (refused, reset, timeout, TLS) is a transient failure naming its kind.</summary>
    public static async Task<SiemSendResult> SendAsync(
        HttpClient http, HttpRequestMessage request, Func<HttpResponseMessage, CancellationToken, Task<SiemSendResult>> classify,
        CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            return await classify(response, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            return SiemSendResult.Transient(Describe(ex));
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return SiemSendResult.Transient("the receiver did not answer in time");
        }
    }

    /// <summary>A base URL that relative paths extend rather than replace (<c>https://h/splunk</c> → <c>https://h/splunk/</c>).</summary>
    public static Uri AsBase(Uri url) => url.AbsolutePath.EndsWith('/') ? url : new Uri(url.GetLeftPart(UriPartial.Path) + "/");

    /// <summary>A <c>Retry-After</c> in seconds; the HTTP-date form is ignored (the back-off applies instead).</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter?.Delta;

    /// <summary>What went wrong, without the URL's query or anything the request carried.</summary>
    public static string Describe(Exception ex) => ex switch
    {
        HttpRequestException { InnerException: SocketException socket } => $"connection failed: {socket.SocketErrorCode}",
        HttpRequestException { InnerException: System.Security.Authentication.AuthenticationException } => "TLS handshake failed (server certificate not trusted?)",
        HttpRequestException { HttpRequestError: var error } => $"request failed: {error}",
        SocketException socket => $"connection failed: {socket.SocketErrorCode}",
        System.Security.Authentication.AuthenticationException => "TLS handshake failed (server certificate not trusted?)",
        IOException => "connection lost",
        _ => ex.GetType().Name,
    };
}
