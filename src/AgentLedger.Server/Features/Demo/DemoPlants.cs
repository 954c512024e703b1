namespace AgentLedger.Server.Features.Demo;

/// <summary>
/// The handful of planted findings of a plan, spread over the first 80% of its days: AWS keys, GitHub tokens, a
/// private key, customer e-mails, card numbers and a Korean resident registration number, in prompts, responses and
/// tool output. Generated from the seed, so every run plants the same values.
/// </summary>
internal sealed class DemoPlants
{
    private readonly List<DemoPlant> _pending;

    public DemoPlants(DemoPlan plan)
    {
        All = Create(plan);
        _pending = [.. All];
    }

    public IReadOnlyList<DemoPlant> All { get; }

    /// <summary>The earliest plant for <paramref name="slot"/> due on or before <paramref name="day"/>, once; or null.</summary>
    public DemoPlant? TakeDue(int day, DemoPlantSlot slot)
    {
        var index = _pending.FindIndex(p => p.Slot == slot && p.Day <= day);
        if (index < 0)
        {
            return null;
        }

        var plant = _pending[index];
        _pending.RemoveAt(index);
        return plant;
    }

    /// <summary>Gives back a plant that its turn could not carry (its tool calls were all denied), for a later turn.</summary>
    public void Defer(DemoPlant plant) => _pending.Insert(0, plant);

    private static List<DemoPlant> Create(DemoPlan plan)
    {
        var rng = new Random(unchecked(plan.Seed * 31 + 17));
        var aws = DemoSecrets.AwsAccessKeyId(rng);
        var awsSecret = DemoSecrets.AwsSecretAccessKey(rng);
        var token = DemoSecrets.GitHubToken(rng);
        var key = DemoSecrets.PrivateKeyBlock(rng);
        var customer = DemoSecrets.CustomerEmail(rng);
        var card = DemoSecrets.CardNumber(rng);
        var rrn = DemoSecrets.KoreanResidentNumber(rng);
        var secondToken = DemoSecrets.GitHubToken(rng);
        var secondCard = DemoSecrets.CardNumber(rng);
        var secondCustomer = DemoSecrets.CustomerEmail(rng);
        (DemoPlantSlot Slot, string Finding, string Text)[] plants =
        [
            (DemoPlantSlot.Prompt, aws,
                $"These credentials stopped working in staging, is the IAM policy wrong?\nAWS_ACCESS_KEY_ID={aws}\nAWS_SECRET_ACCESS_KEY={awsSecret}"),
            (DemoPlantSlot.ToolOutput, token, $"DATABASE_URL=postgres://app@localhost:5432/app\nGITHUB_TOKEN={token}\nLOG_LEVEL=debug"),
            (DemoPlantSlot.Prompt, customer, $"Customer {customer} reports that the invoice export is empty since Monday. Find out why."),
            (DemoPlantSlot.ToolOutput, key, key),
            (DemoPlantSlot.Prompt, card, $"Checkout declines card {card} (exp 12/29) with DECLINED_RISK in staging; trace it through the fraud check."),
            (DemoPlantSlot.Prompt, rrn, $"주민등록번호 {rrn} 형식 검증이 실패합니다. 정규식을 확인해 주세요."),
            (DemoPlantSlot.Response, aws, $"Found a hard-coded access key ({aws}) in config/settings.py. Move it to the secret manager and rotate it."),
            (DemoPlantSlot.Prompt, secondToken, $"Use this token for the GitHub API calls in the release script: {secondToken}"),
            (DemoPlantSlot.ToolOutput, secondCard, $"fixtures/payments.json:12:  \"card_number\": \"{secondCard}\","),
            (DemoPlantSlot.Response, secondCustomer, $"The bounces come from {secondCustomer}: that mailbox rejects our sender domain."),
        ];

        var span = Math.Max(1, (int)(plan.Days * 0.8));
        return [.. plants.Select((p, i) => new DemoPlant((int)((i + 0.5) * span / plants.Length), p.Slot, p.Finding, p.Text))];
    }
}
