using Microsoft.Extensions.Options;

namespace AgentLedger.Server.Features.Governance;

/// <summary>Checks <see cref="GovernanceOptions"/> at start, naming the key of every value that is wrong.</summary>
internal sealed class GovernanceOptionsValidator : IValidateOptions<GovernanceOptions>
{
    public static readonly string[] SmtpSecurityValues = ["None", "StartTls", "StartTlsWhenAvailable", "SslOnConnect"];

    public ValidateOptionsResult Validate(string? name, GovernanceOptions options)
    {
        const string Section = GovernanceOptions.SectionName;
        var errors = new List<string>();
        if (options.PollInterval < TimeSpan.FromSeconds(1) || options.PollInterval > TimeSpan.FromHours(1))
        {
            errors.Add($"{Section}:PollInterval is {options.PollInterval}; it must be from one second to one hour.");
        }

        if (options.MaxDeliveryAttempts is < 1 or > 100)
        {
            errors.Add($"{Section}:MaxDeliveryAttempts is {options.MaxDeliveryAttempts}; it must be from 1 to 100.");
        }

        if (options.Smtp.Port is < 1 or > 65535)
        {
            errors.Add($"{Section}:Smtp:Port is {options.Smtp.Port}; it must be from 1 to 65535.");
        }

        if (!SmtpSecurityValues.Contains(options.Smtp.Security, StringComparer.OrdinalIgnoreCase))
        {
            errors.Add($"{Section}:Smtp:Security is '{options.Smtp.Security}'; it must be one of: {string.Join(", ", SmtpSecurityValues)}.");
        }

        if (!MimeKit.MailboxAddress.TryParse(options.Smtp.From, out _))
        {
            errors.Add($"{Section}:Smtp:From '{options.Smtp.From}' is not a mailbox address (e.g. AgentLedger <alerts@example.com>).");
        }

        var anomaly = options.Anomaly;
        if (anomaly.BaselineDays is < 3 or > 90)
        {
            errors.Add($"{Section}:Anomaly:BaselineDays is {anomaly.BaselineDays}; it must be from 3 to 90.");
        }

        if (anomaly.MinActiveDays < 1 || anomaly.MinActiveDays > anomaly.BaselineDays)
        {
            errors.Add($"{Section}:Anomaly:MinActiveDays is {anomaly.MinActiveDays}; it must be from 1 to Anomaly:BaselineDays ({anomaly.BaselineDays}).");
        }

        if (anomaly.Factor < 1 || anomaly.Deviations < 0 || anomaly.MinCredits < 0)
        {
            errors.Add($"{Section}:Anomaly: Factor must be at least 1, Deviations and MinCredits at least 0.");
        }

        if (options.Reports.PdfTimeout <= TimeSpan.Zero)
        {
            errors.Add($"{Section}:Reports:PdfTimeout is {options.Reports.PdfTimeout}; it must be more than zero.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
