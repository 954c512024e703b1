namespace AgentLedger.Server.Features.Demo;

/// <summary>
/// Draws from a seeded <see cref="Random"/>. A seeded Random produces the same sequence on every run and platform,
/// which is what makes the demo deterministic; nothing here may use a shared or unseeded generator.
/// </summary>
internal static class DemoRandomExtensions
{
    public static T Pick<T>(this Random rng, IReadOnlyList<T> items) => items[rng.Next(items.Count)];

    public static bool Chance(this Random rng, double probability) => rng.NextDouble() < probability;

    public static double Between(this Random rng, double min, double max) => min + (rng.NextDouble() * (max - min));

    /// <summary>A value around <paramref name="median"/> with a long right tail (token counts, durations).</summary>
    public static long Skewed(this Random rng, long median, double spread = 0.6) =>
        Math.Max(1, (long)(median * Math.Exp(spread * Gaussian(rng))));

    /// <summary>Poisson-distributed count with mean <paramref name="mean"/> (Knuth; means here are small).</summary>
    public static int Poisson(this Random rng, double mean)
    {
        var limit = Math.Exp(-mean);
        var product = rng.NextDouble();
        var count = 0;
        while (product > limit)
        {
            count++;
            product *= rng.NextDouble();
        }

        return count;
    }

    public static int WeightedIndex(this Random rng, IReadOnlyList<double> weights)
    {
        var total = 0.0;
        for (var i = 0; i < weights.Count; i++)
        {
            total += weights[i];
        }

        var target = rng.NextDouble() * total;
        for (var i = 0; i < weights.Count; i++)
        {
            target -= weights[i];
            if (target < 0)
            {
                return i;
            }
        }

        return weights.Count - 1;
    }

    /// <summary>A version-4-shaped GUID from the generator (session ids, account ids).</summary>
    public static Guid NextGuid(this Random rng)
    {
        Span<byte> bytes = stackalloc byte[16];
        rng.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    public static string NextHex(this Random rng, int length)
    {
        Span<byte> bytes = stackalloc byte[(length + 1) / 2];
        rng.NextBytes(bytes);
        return Convert.ToHexStringLower(bytes)[..length];
    }

    public static string NextChars(this Random rng, string alphabet, int length) =>
        string.Create(length, (rng, alphabet), static (span, state) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = state.alphabet[state.rng.Next(state.alphabet.Length)];
            }
        });

    private static double Gaussian(Random rng)
    {
        // Box-Muller; 1 - NextDouble() is in (0, 1], so the logarithm is finite.
        var u1 = 1.0 - rng.NextDouble();
        var u2 = rng.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Sin(2.0 * Math.PI * u2);
    }
}
