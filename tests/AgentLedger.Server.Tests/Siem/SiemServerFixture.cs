using AgentLedger.Server.Tests.Testing;

namespace AgentLedger.Server.Tests.Siem;

/// <summary>A server whose SIEM delivery polls every 100 ms and backs off from 50 ms up to 1 s, so that faults heal fast.</summary>
public sealed class SiemServerFixture : ServerFixture
{
    protected override IEnumerable<string> ExtraArgs =>
    [
        "--Siem:PollInterval=00:00:00.100", "--Siem:RetryInitial=00:00:00.050", "--Siem:RetryMax=00:00:01", "--Siem:RequestTimeout=00:00:05",
        "--Siem:Hostname=agentledger-test",
    ];
}
