namespace AgentLedger.Server.Features.Siem;

/// <summary>
/// <c>Siem</c>: how this instance delivers to the SIEM destinations configured through the admin API. Any number of
/// instances may run delivery; a job lease per destination lets one deliver it at a time.
/// </summary>
public sealed class SiemOptions
{
    public const string SectionName = "Siem";

    /// <summary>Whether this instance runs SIEM delivery.</summary>
    public bool DeliveryEnabled { get; set; } = true;

    /// <summary>How often a caught-up destination looks for new items, and the delivery service for new destinations.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>First back-off ceiling after a failed attempt; doubles per failure (with full jitter) up to <see cref="RetryMax"/>.</summary>
    public TimeSpan RetryInitial { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan RetryMax { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Per request or write; a receiver slower than this counts as a failed attempt.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary><c>/health/ready</c> reports degraded when a destination's oldest undelivered item has waited longer.</summary>
    public TimeSpan DegradedAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The HOSTNAME of syslog messages and the <c>host</c> of HEC events; the machine name by default.</summary>
    public string? Hostname { get; set; }
}
