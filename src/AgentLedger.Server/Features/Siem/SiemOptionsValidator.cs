using Microsoft.Extensions.Options;

namespace AgentLedger.Server.Features.Siem;

/// <summary>Checks <see cref="SiemOptions"/> at start, naming the key of every value that is wrong.</summary>
internal sealed class SiemOptionsValidator : IValidateOptions<SiemOptions>
{
    public ValidateOptionsResult Validate(string? name, SiemOptions options)
    {
        var errors = new List<string>();
        const string Section = SiemOptions.SectionName;
        Check(options.PollInterval, TimeSpan.FromMinutes(10), "PollInterval");
        Check(options.RetryInitial, TimeSpan.FromMinutes(10), "RetryInitial");
        Check(options.RetryMax, TimeSpan.FromHours(6), "RetryMax");
        Check(options.RequestTimeout, TimeSpan.FromMinutes(10), "RequestTimeout");
        Check(options.DegradedAfter, TimeSpan.FromDays(7), "DegradedAfter");
        if (options.RetryMax < options.RetryInitial)
        {
            errors.Add($"{Section}:RetryMax is {options.RetryMax}; it must be at least {Section}:RetryInitial ({options.RetryInitial}).");
        }

        if (options.Hostname is { } host && (host.Length is 0 or > 255 || host.Any(c => c is < '!' or > '~')))
        {
            errors.Add($"{Section}:Hostname is '{host}'; it must be 1 to 255 printable ASCII characters without spaces (RFC 5424 HOSTNAME).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);

        void Check(TimeSpan value, TimeSpan max, string key)
        {
            if (value <= TimeSpan.Zero || value > max)
            {
                errors.Add($"{Section}:{key} is {value}; it must be more than zero and at most {max}.");
            }
        }
    }
}
