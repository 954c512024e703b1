namespace AgentLedger.Core.Siem;

/// <summary>The syslog transport: plain TCP (RFC 6587 octet counting) or TLS (RFC 5425).</summary>
public enum SyslogTransport
{
    Tcp,
    Tls,
}
