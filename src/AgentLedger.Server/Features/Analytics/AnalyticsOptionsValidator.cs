using AgentLedger.Core.Analytics;
using Microsoft.Extensions.Options;

namespace AgentLedger.Server.Features.Analytics;

/// <summary>Refuses to start with a default time zone that analytics could not bucket, naming the key.</summary>
internal sealed class AnalyticsOptionsValidator(TimeProvider time) : IValidateOptions<AnalyticsOptions>
{
    public ValidateOptionsResult Validate(string? name, AnalyticsOptions options)
    {
        try
        {
            var calendar = BucketCalendar.Create(options.DefaultTimeZone, AnalyticsBucket.Day);
            calendar.BucketStartOf(time.GetUtcNow().ToUnixTimeSeconds());
            return ValidateOptionsResult.Success;
        }
        catch (AnalyticsQueryException ex)
        {
            return ValidateOptionsResult.Fail($"{AnalyticsOptions.SectionName}:{nameof(AnalyticsOptions.DefaultTimeZone)}: {ex.Message}");
        }
    }
}
