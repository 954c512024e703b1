using AgentLedger.Core.Compliance;
using AgentLedger.Core.Siem;
using Microsoft.Extensions.Options;

namespace AgentLedger.Server.Features.Siem;

/// <summary>Creates the sender of a destination's kind with its payload format, content level and TLS settings.</summary>
public sealed class SiemSenderFactory(IOptions<SiemOptions> options, ProductInfo product, TimeProvider time)
{
    public string Hostname => options.Value.Hostname ?? SyslogMessageFormatter.Sanitize(Environment.MachineName, 255);

    public ISiemSender Create(SiemDestination destination)
    {
        var timeout = options.Value.RequestTimeout;
        var events = new SiemEventWriter(destination.Format, destination.ContentLevel, product);
        return destination.Kind switch
        {
            SiemDestinationKind.Syslog => new SyslogSender(destination, new SyslogMessageFormatter(events, Hostname), timeout),
            SiemDestinationKind.SplunkHec => new SplunkHecSender(destination, SiemHttp.CreateClient(destination, timeout),
                new SplunkHecFormatter(events, Hostname, destination.Endpoint.Index, destination.Endpoint.Sourcetype), time),
            SiemDestinationKind.Webhook => new WebhookSender(destination, SiemHttp.CreateClient(destination, timeout), events, time),
            SiemDestinationKind.Elasticsearch => new ElasticsearchSender(destination, SiemHttp.CreateClient(destination, timeout), events),
            _ => throw new ArgumentOutOfRangeException(nameof(destination), destination.Kind, "Unknown destination kind."),
        };
    }
}
