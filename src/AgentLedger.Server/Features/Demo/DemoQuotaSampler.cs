namespace AgentLedger.Server.Features.Demo;

/// <summary>
/// Picks categories (review priorities, reaction kinds, cloud task outcomes) by the golden-ratio sequence instead of
/// independent draws. The sequence is evenly spread, so each category's share is met closely from the first few
/// draws on: a small demo still shows its rare categories (a P0 comment, a failed task) where independent draws
/// would often show none, and a large one has the same proportions either way.
/// </summary>
internal sealed class DemoQuotaSampler(double start)
{
    private const double GoldenRatioConjugate = 0.6180339887498949;

    private double _position = start - Math.Floor(start);

    public int Next(IReadOnlyList<double> shares)
    {
        _position += GoldenRatioConjugate;
        _position -= Math.Floor(_position);
        var total = shares.Sum();
        var target = _position * total;
        for (var i = 0; i < shares.Count; i++)
        {
            target -= shares[i];
            if (target < 0)
            {
                return i;
            }
        }

        return shares.Count - 1;
    }
}
