namespace AgentLedger.Server.Features.Governance;

/// <summary>Settings of budgets, alerts and reports (section <c>Governance</c>), validated at start.</summary>
public sealed class GovernanceOptions
{
    public const string SectionName = "Governance";

    /// <summary>Run the alert and report job on this instance (instances take turns through a job lease).</summary>
    public bool JobEnabled { get; set; } = true;

    /// <summary>How often budgets are evaluated, anomalies looked for, reports scheduled and due deliveries sent.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A delivery that failed this many times is abandoned (it stays listed with its last error).</summary>
    public int MaxDeliveryAttempts { get; set; } = 8;

    public GovernanceSmtpOptions Smtp { get; set; } = new();

    public GovernanceAnomalyOptions Anomaly { get; set; } = new();

    public GovernanceReportOptions Reports { get; set; } = new();
}

/// <summary>The SMTP server e-mail channels send through (<c>Governance:Smtp</c>).</summary>
public sealed class GovernanceSmtpOptions
{
    /// <summary>Host name; e-mail deliveries fail, naming this key, while it is not set.</summary>
    public string? Host { get; set; }

    public int Port { get; set; } = 25;

    /// <summary><c>None</c>, <c>StartTls</c> (required), <c>StartTlsWhenAvailable</c> or <c>SslOnConnect</c>.</summary>
    public string Security { get; set; } = "StartTlsWhenAvailable";

    public string From { get; set; } = "AgentLedger <agentledger@localhost>";

    public string? UserName { get; set; }

    /// <summary>From the environment (<c>Governance__Smtp__Password</c>), not appsettings.</summary>
    public string? Password { get; set; }
}

/// <summary>The usage anomaly rule (<c>Governance:Anomaly</c>); see <see cref="Core.Governance.UsageAnomalyRule"/>.</summary>
public sealed class GovernanceAnomalyOptions
{
    public bool Enabled { get; set; } = true;

    public int BaselineDays { get; set; } = 14;

    public int MinActiveDays { get; set; } = 5;

    public decimal MinCredits { get; set; } = 10m;

    public decimal Factor { get; set; } = 3m;

    public decimal Deviations { get; set; } = 3m;
}

/// <summary>The leadership report (<c>Governance:Reports</c>).</summary>
public sealed class GovernanceReportOptions
{
    /// <summary>The headless Chromium that prints the PDF (Debian: <c>/usr/bin/chromium</c>).</summary>
    public string ChromiumPath { get; set; } = "/usr/bin/chromium";

    /// <summary>How long printing one PDF may take.</summary>
    public TimeSpan PdfTimeout { get; set; } = TimeSpan.FromSeconds(60);
}
