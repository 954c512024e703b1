using System.Globalization;
using AgentLedger.Core.Metrics;
using Microsoft.Extensions.Options;

namespace AgentLedger.Server.Features.Pricing;

/// <summary>Checks the <c>PriceBook</c> section at start; every error names its key (<c>PriceBook:Models:2:InputPerMillion</c>).</summary>
internal sealed class PriceBookOptionsValidator : IValidateOptions<PriceBookOptions>
{
    public ValidateOptionsResult Validate(string? name, PriceBookOptions options)
    {
        var errors = new List<string>();
        if (options.RefreshInterval < TimeSpan.FromSeconds(1) || options.RefreshInterval > TimeSpan.FromHours(1))
        {
            errors.Add($"{PriceBookOptions.SectionName}:RefreshInterval is {options.RefreshInterval}; it must be from one second to one hour.");
        }

        if (!TryBuild(options, out _, out var bookErrors))
        {
            errors.AddRange(bookErrors);
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    public static bool TryBuild(PriceBookOptions options, out PriceBook? book, out IEnumerable<string> errors)
    {
        var models = options.Models.Count == 0
            ? PriceBook.Default.Prices.Select(p => new ModelPriceDraft(p.Model, p.InputPerMillion, p.CachedInputPerMillion, p.OutputPerMillion,
                p.ReasoningPerMillion, p.Match.ToString(), p.Aliases)).ToList()
            : options.Models.Select(m => new ModelPriceDraft(m.Model, m.InputPerMillion, m.CachedInputPerMillion, m.OutputPerMillion,
                m.ReasoningPerMillion, m.Match, m.Aliases)).ToList();
        var ok = PriceBookValidator.TryBuild(options.CreditsPerUsd, models, KeyOf, out book, out var found);
        errors = found.Select(e => e.Value);
        return ok;
    }

    /// <summary><c>input_per_million</c> of entry 2 is <c>PriceBook:Models:2:InputPerMillion</c>.</summary>
    private static string KeyOf(int? index, string field)
    {
        var pascal = string.Concat(field.Split('_').Select(w => char.ToUpper(w[0], CultureInfo.InvariantCulture) + w[1..]));
        return index is null ? $"{PriceBookOptions.SectionName}:{pascal}" : $"{PriceBookOptions.SectionName}:Models:{index}:{pascal}";
    }
}
