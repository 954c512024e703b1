using System.Buffers;
using System.Net.Security;
using System.Net.Sockets;
using AgentLedger.Core.Siem;

namespace AgentLedger.Server.Features.Siem;

/// <summary>
/// Syslog over one long-lived TCP connection, with TLS (RFC 5425) or without (RFC 6587), octet-counting frames
/// (<see cref="SyslogMessageFormatter"/>). Syslog has no application-level acknowledgement: a chunk counts as accepted
/// once it is written and flushed to the connection. A connection the receiver closed is noticed before the next
/// write (a readable socket with nothing to read) and opened again, so a receiver that restarts does not swallow a
/// chunk; a receiver that dies with data in its socket buffer can still lose it, which no syslog sender can see.
/// </summary>
public sealed class SyslogSender(SiemDestination destination, SyslogMessageFormatter formatter, TimeSpan timeout) : ISiemSender
{
    private TcpClient? _client;
    private Stream? _stream;

    public async Task<SiemSendResult> SendAsync(IReadOnlyList<SiemItem> items, CancellationToken cancellationToken)
    {
        var frames = new ArrayBufferWriter<byte>(items.Count * 1024);
        foreach (var item in items)
        {
            formatter.AppendFrame(frames, item);
        }

        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            var stream = await ConnectedStreamAsync(timeoutSource.Token).ConfigureAwait(false);
            await stream.WriteAsync(frames.WrittenMemory, timeoutSource.Token).ConfigureAwait(false);
            await stream.FlushAsync(timeoutSource.Token).ConfigureAwait(false);
            return SiemSendResult.Ok;
        }
        catch (Exception ex) when (ex is SocketException or IOException or System.Security.Authentication.AuthenticationException
                                       || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            Close();
            return SiemSendResult.Transient(ex is OperationCanceledException ? "the syslog receiver did not take the data in time" : SiemHttp.Describe(ex));
        }
    }

    private async Task<Stream> ConnectedStreamAsync(CancellationToken cancellationToken)
    {
        if (_client is { Connected: true } client && _stream is not null && !ClosedByPeer(client.Client))
        {
            return _stream;
        }

        Close();
        var endpoint = destination.Endpoint;
        _client = new TcpClient { NoDelay = true };
        await _client.ConnectAsync(endpoint.Host!, endpoint.Port!.Value, cancellationToken).ConfigureAwait(false);
        Stream stream = _client.GetStream();
        if (endpoint.Transport == SyslogTransport.Tls)
        {
            var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
            await ssl.AuthenticateAsClientAsync(SiemTls.ClientOptions(destination, endpoint.Host!), cancellationToken).ConfigureAwait(false);
            stream = ssl;
        }

        _stream = stream;
        return stream;
    }

    /// <summary>A receiver never writes to us, so a readable socket with no bytes means it closed its end.</summary>
    private static bool ClosedByPeer(Socket socket)
    {
        try
        {
            return socket.Poll(0, SelectMode.SelectRead) && socket.Available == 0;
        }
        catch (SocketException)
        {
            return true;
        }
    }

    private void Close()
    {
        _stream?.Dispose();
        _client?.Dispose();
        _stream = null;
        _client = null;
    }

    public ValueTask DisposeAsync()
    {
        Close();
        return ValueTask.CompletedTask;
    }
}
