using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using PetStore.Cedar;
using PetStore.Contract;
using PetStore.Lambdas.ApiGateway;
using PetStore.Lambdas.Authorizer;
using PetStore.Lambdas.Orders;
using PetStore.Lambdas.Pets;
using PetStore.Testing;
using Route = PetStore.Contract.Route;

namespace PetStore.Local.Tests.Differential;

/// <summary>One request of an entity run, its answer through the whole path, and what Cedar alone says it must be.</summary>
internal sealed record EntityStep(string Request, string Expected, string Actual)
{
    public bool Diverges => Expected != Actual;
}

internal sealed record EntitySetResult(int Seed, string Policies, string Plan, IReadOnlyList<EntityStep> Steps)
{
    public IReadOnlyList<EntityStep> Divergences => [.. Steps.Where(s => s.Diverges)];

    public string Report()
    {
        var text = new StringBuilder();
        text.AppendLine($"Seed {Seed}: {Divergences.Count} of {Steps.Count} answers differ from Cedar's (reproduce: {DifferentialHarness.SeedVariable}={Seed} {DifferentialHarness.SetsVariable}=1). List plan: {Plan}");
        text.AppendLine("Policies:");
        text.AppendLine(Policies);
        text.AppendLine("Requests (expected by Cedar / answered through the path):");
        for (var i = 0; i < Steps.Count; i++)
            text.AppendLine($"  {i + 1,2}. {Steps[i].Request} -> {Steps[i].Expected} / {Steps[i].Actual}{(Steps[i].Diverges ? "   <-- differs" : "")}");
        return text.ToString();
    }
}

/// <summary>
/// The resource routes end to end: a person's token through local mode's gateway semantics (the signed-in routes'
/// cache) and the real authorizer, the principal it passes on, then the real pets and orders handlers deciding with
/// Verified Permissions (here the Cedar engine over the generated policies) on the pets and orders as stored, lists
/// read where the product's <see cref="ListPlan"/> says. Every answer, and the state a write leaves, is compared with
/// cedar-wasm deciding each request alone on entities built here from the stored data, independently of the product's
/// mapping; a list must show exactly the orders Cedar allows, each once.
/// </summary>
internal sealed class EntityHarness(CedarEngine engine, EntityWorld world)
{
    private const string Ns = "PetStore";
    private readonly AccessTokenValidator _tokens = new([world.Pool.Pool], new JwksCache(new HttpClient(new JwksServer(world.Pool)), TimeProvider.System));
    private readonly SourceFile _schema = PolicyStoreFiles.ComposeSchema(Path.Combine(LocalProcess.RepositoryRoot, "cedar"), engine);

    private static Route RouteOf(string operation) => RouteTable.All.Single(r => r.Operation == operation);

    public async Task<EntitySetResult> RunAsync(int seed, int requestCount, Func<PolicyStoreDefinition, ListPlan>? listPlanFor = null)
    {
        var random = new Random(seed);
        var policies = EntityPolicyGenerator.Generate(random, world);
        var definition = PolicyStoreFiles.Load(_schema, [new SourceFile("cedar/policies/generated.cedar", policies)], engine);
        using var decisions = new CedarDecisions(engine, definition);
        var avp = new InProcessVerifiedPermissions(decisions);
        var log = new RecordingLog().Log;
        var plans = definition.Inputs.Plans(120);
        var authorizer = new AuthorizerFunction(new PolicyAuthorizer(_tokens, avp, "generated", PolicyScopes.Parse(PolicyScopes.ToJson(plans)), log));
        var clock = new ManualClock();
        var gateway = new LambdaAuthorizerEmulation(clock);
        var signedIn = DecisionCacheRule.SignedInPlan(300);
        gateway.Deploy(plans.Concat(RouteTable.All.Where(r => r.IsAdmittedByToken).Select(r => KeyValuePair.Create(r, signedIn))).ToDictionary(), authorizer.HandleAsync);

        var (pets, orders) = world.Seed(random);
        var listPlan = (listPlanFor ?? (d => d.Inputs.OrdersListPlan))(definition);
        var permissions = new ResourcePermissions(avp, "generated", log);
        var ids = 0;
        string NewId() => $"0198f3a2-7b7c-7d1e-9f00-{seed % 100000:D5}{++ids:D7}";
        var petsApi = new PetsApi(pets, permissions, EntityWorld.Stores, log, NewId);
        var ordersApi = new OrdersApi(orders, pets, permissions, EntityWorld.Stores, listPlan, log, NewId, TimeProvider.System);

        var name = $"entity-oracle-{seed}";
        var loaded = engine.Call("load", new JsonObject { ["name"] = name, ["schema"] = JsonNode.Parse(_schema.Text), ["policies"] = definition.PolicyTexts() });
        if (loaded["type"]?.GetValue<string>() != "success") throw new InvalidOperationException($"The oracle could not load the policies: {loaded.ToJsonString()}");
        var steps = new List<EntityStep>();
        try
        {
            for (var i = 0; i < requestCount; i++)
            {
                var user = world.People[random.Next(world.People.Count)];
                if (random.Next(20) == 0) clock.Advance(TimeSpan.FromSeconds(301));
                var step = random.Next(6) switch
                {
                    0 => await CreatePetAsync(random, user),
                    1 => await ChangePetAsync(random, user),
                    2 => await PlaceAsync(random, user),
                    3 or 4 => await OnOrderAsync(random, user, random.Next(2) == 0 ? RouteTable.Operations.GetOrder : RouteTable.Operations.CancelOrder),
                    _ => await ListAsync(random, user),
                };
                steps.Add(step);
            }
        }
        finally
        {
            engine.Call("unload", new JsonObject { ["name"] = name });
        }
        return new EntitySetResult(seed, policies, listPlan.ToJson(), steps);

        async Task<EntityStep> CreatePetAsync(Random random, EntityUser user)
        {
            var store = EntityWorld.StoreIds[random.Next(EntityWorld.StoreIds.Length)];
            var (type, price) = (EntityWorld.PetTypes[random.Next(2)], EntityWorld.Prices[random.Next(EntityWorld.Prices.Length)]);
            var status = random.Next(3) == 0 ? PetStatuses.All[random.Next(PetStatuses.All.Count)] : null;
            var body = new JsonObject { ["type"] = type, ["price"] = price, ["storeId"] = store };
            if (status is not null) body["status"] = status;
            var expected = EntityWorld.Stores.All(s => s.Id != store) ? "400"
                : Decide(user, "post /pets", StoreEntity(store), [Store(store)], new(), Body(body)) ? $"201 {type} {store} {status ?? "available"}" : "403";
            var (code, answer) = await SendAsync(petsApi.HandleAsync, user, RouteOf(RouteTable.Operations.CreatePet), null, body.ToJsonString());
            var actual = code == 201 && answer?["pet"]?["id"]?.GetValue<string>() is { } id && pets.Pets.SingleOrDefault(p => p.Id == id) is { } made
                ? $"201 {made.Type} {made.StoreId} {made.Status}" : $"{code}";
            return new EntityStep($"{user}: POST /pets {body.ToJsonString()}", expected, actual);
        }

        async Task<EntityStep> ChangePetAsync(Random random, EntityUser user)
        {
            var pet = PickPet(random);
            var body = new JsonObject();
            if (random.Next(3) != 0) body["price"] = EntityWorld.Prices[random.Next(EntityWorld.Prices.Length)];
            if (body.Count == 0 || random.Next(2) == 0) body["status"] = PetStatuses.All[random.Next(PetStatuses.All.Count)];
            var stored = pets.Pets.SingleOrDefault(p => p.Id == pet);
            var expected = stored is null ? "404"
                : Decide(user, "patch /pets/{petId}", PetEntity(stored), [PetEntityData(stored), Store(stored.StoreId)], new() { ["petId"] = pet }, Body(body))
                    ? $"200 {Dec(body["price"]?.GetValue<decimal>() ?? stored.Price)} {body["status"]?.GetValue<string>() ?? stored.Status}" : "403";
            var (code, _) = await SendAsync(petsApi.HandleAsync, user, RouteOf(RouteTable.Operations.UpdatePet), pet, body.ToJsonString());
            var after = pets.Pets.SingleOrDefault(p => p.Id == pet);
            return new EntityStep($"{user}: PATCH /pets/{pet} {body.ToJsonString()}", expected, code == 200 ? $"200 {Dec(after!.Price)} {after.Status}" : $"{code}");
        }

        async Task<EntityStep> PlaceAsync(Random random, EntityUser user)
        {
            var pet = PickPet(random);
            var body = new JsonObject { ["petId"] = pet };
            var stored = pets.Pets.SingleOrDefault(p => p.Id == pet);
            var expected = stored is null ? "404"
                : stored.Status != PetStatuses.Spell(PetStatus.Available) ? "409"
                : Decide(user, "post /orders", PetEntity(stored), [PetEntityData(stored), Store(stored.StoreId)], new(), Body(body)) ? $"201 {user.PrincipalId} pending" : "403";
            var (code, answer) = await SendAsync(ordersApi.HandleAsync, user, RouteOf(RouteTable.Operations.PlaceOrder), null, body.ToJsonString());
            var actual = code == 201 && orders.Orders.SingleOrDefault(o => o.Id == answer?["order"]?["id"]?.GetValue<string>()) is { } placed
                ? $"201 {placed.Owner} {pets.Pets.Single(p => p.Id == pet).Status}" : $"{code}";
            return new EntityStep($"{user}: POST /orders {body.ToJsonString()}", expected, actual);
        }

        async Task<EntityStep> OnOrderAsync(Random random, EntityUser user, string operation)
        {
            var id = random.Next(8) == 0 ? "0198f3a2-7b7c-7d1e-9f00-0000000009ff" : orders.Orders[random.Next(orders.Orders.Count)].Id;
            var route = RouteOf(operation);
            var stored = orders.Orders.SingleOrDefault(o => o.Id == id);
            var allowed = stored is not null && Decide(user, $"{route.Method.ToLowerInvariant()} {route.Path}", OrderEntity(stored), [OrderEntityData(stored), Store(stored.StoreId)],
                new() { ["orderId"] = id }, null);
            var expected = !allowed ? "404" : operation == RouteTable.Operations.GetOrder ? "200" : "204 cancelled";
            var (code, _) = await SendAsync(ordersApi.HandleAsync, user, route, id, null);
            var actual = code == 204 ? $"204 {orders.Orders.Single(o => o.Id == id).Status}" : $"{code}";
            return new EntityStep($"{user}: {route.Method} /orders/{id}", expected, actual);
        }

        async Task<EntityStep> ListAsync(Random random, EntityUser user)
        {
            var readable = orders.Orders.Where(o => Decide(user, "get /orders", OrderEntity(o), [OrderEntityData(o), Store(o.StoreId)], new(), null))
                .Select(o => o.Id).Order(StringComparer.Ordinal).ToList();
            var limit = random.Next(1, 6);
            var shown = new List<string>();
            string? token = null;
            var pages = 0;
            do
            {
                var query = new Dictionary<string, string> { ["limit"] = $"{limit}" };
                if (token is not null) query["nextToken"] = token;
                var (code, answer) = await SendAsync(ordersApi.HandleAsync, user, RouteOf(RouteTable.Operations.ListOrders), null, null, query);
                if (code != 200) return new EntityStep($"{user}: GET /orders?limit={limit}", $"200 [{string.Join(",", readable)}]", $"{code} on page {pages + 1}");
                var page = answer!["orders"]!.AsArray().Select(o => o!["id"]!.GetValue<string>()).ToList();
                if (page.Count > limit) return new EntityStep($"{user}: GET /orders?limit={limit}", $"at most {limit} a page", $"{page.Count} on page {pages + 1}");
                shown.AddRange(page);
                token = answer["nextToken"]?.GetValue<string>();
            } while (token is not null && ++pages < 50);
            return new EntityStep($"{user}: GET /orders?limit={limit}", $"200 [{string.Join(",", readable)}]", $"200 [{string.Join(",", shown.Order(StringComparer.Ordinal))}]{(shown.Count != shown.Distinct().Count() ? " with repeats" : "")}");
        }

        string PickPet(Random random) => random.Next(8) == 0 ? "0198f3a2-7b7c-7d1e-9f00-0000000009fe" : pets.Pets.ElementAt(random.Next(pets.Pets.Count)).Id;

        async Task<(int Status, JsonObject? Body)> SendAsync(Func<ProxyRequest, Task<ProxyResponse>> handler, EntityUser user, Route route, string? id, string? body,
            Dictionary<string, string>? query = null)
        {
            var parameters = route.PathParameters.Count == 0 ? [] : new Dictionary<string, string> { [route.PathParameters[0]] = id! };
            var path = route.PathParameters.Count == 0 ? route.Path : route.Path.Replace($"{{{route.PathParameters[0]}}}", id);
            var outcome = await gateway.AuthorizeAsync(new GatewayRequest(route, route.Method, path,
                new Dictionary<string, string> { ["Authorization"] = $"Bearer {user.Token}" }, parameters, LocalApiGateway.MethodArn("dev", route.Method, path), $"r-{++ids}"));
            if (outcome.Status != 200) return (outcome.Status, null);
            var response = await handler(new ProxyRequest
            {
                Resource = route.Path,
                Path = path,
                HttpMethod = route.Method,
                PathParameters = parameters.Count == 0 ? null : parameters,
                QueryStringParameters = query,
                MultiValueQueryStringParameters = query?.ToDictionary(q => q.Key, q => new List<string> { q.Value }),
                RequestContext = new ProxyRequestContext { RequestId = $"r-{ids}", Authorizer = outcome.Context },
                Body = body,
            });
            return (response.StatusCode, string.IsNullOrEmpty(response.Body) ? null : JsonNode.Parse(response.Body) as JsonObject);
        }

        bool Decide(EntityUser user, string action, JsonObject resource, JsonNode[] entities, Dictionary<string, string> pathParameters, JsonObject? body)
        {
            var context = new JsonObject { ["pathParameters"] = new JsonObject([.. pathParameters.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))]) };
            if (body is not null) context["body"] = body;
            var all = new JsonArray([.. entities, .. Principal(user)]);
            var call = new JsonObject
            {
                ["principal"] = Uid("User", user.PrincipalId),
                ["action"] = Uid("Action", action),
                ["resource"] = resource,
                ["context"] = context,
                ["entities"] = all,
            };
            var answer = engine.Call("authorizeEach", new JsonObject { ["name"] = name, ["calls"] = new JsonArray(call) }).AsArray().Single()!;
            return answer["type"]?.GetValue<string>() == "success"
                ? answer["response"]!["decision"]!.GetValue<string>() == "allow"
                : throw new InvalidOperationException($"Cedar refused the oracle's request: {answer.ToJsonString()} for {call.ToJsonString()}");
        }
    }

    private static JsonObject Uid(string type, string id) => new() { ["type"] = $"{Ns}::{type}", ["id"] = id };

    private static JsonObject Ref(string type, string id) => new() { ["__entity"] = Uid(type, id) };

    private static JsonObject Decimal(decimal value) => new() { ["__extn"] = new JsonObject { ["fn"] = "decimal", ["arg"] = EntityPolicyGenerator.Decimal(value) } };

    private static string Dec(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>A body as the handler must hand it to Cedar: the fields given, a price as a decimal.</summary>
    private static JsonObject Body(JsonObject body) => new([.. body.Select(f => KeyValuePair.Create(f.Key,
        f.Key == "price" ? (JsonNode?)Decimal(f.Value!.GetValue<decimal>()) : f.Value!.DeepClone()))]);

    private static JsonNode[] Principal(EntityUser user) =>
    [
        new JsonObject
        {
            ["uid"] = Uid("User", user.PrincipalId),
            ["attrs"] = new JsonObject
            {
                ["username"] = user.Username,
                ["provider"] = user.Pool.Pool.Name,
                ["kind"] = "person",
                ["stores"] = new JsonArray([.. user.Stores.Select(s => (JsonNode)Ref("Store", s))]),
            },
            ["parents"] = new JsonArray([.. user.Groups.Select(g => (JsonNode)Uid("UserGroup", g))]),
        },
        .. user.Groups.Select(g => (JsonNode)new JsonObject { ["uid"] = Uid("UserGroup", g), ["attrs"] = new JsonObject(), ["parents"] = new JsonArray() }),
    ];

    private static JsonObject StoreEntity(string id) => Uid("Store", id);

    private static JsonObject Store(string id) => new()
    {
        ["uid"] = Uid("Store", id),
        ["attrs"] = new JsonObject { ["name"] = EntityWorld.Stores.Single(s => s.Id == id).Name },
        ["parents"] = new JsonArray(),
    };

    private static JsonObject PetEntity(Pet pet) => Uid("Pet", pet.Id);

    private static JsonObject PetEntityData(Pet pet) => new()
    {
        ["uid"] = Uid("Pet", pet.Id),
        ["attrs"] = new JsonObject { ["store"] = Ref("Store", pet.StoreId), ["status"] = pet.Status, ["price"] = Decimal(pet.Price), ["type"] = pet.Type },
        ["parents"] = new JsonArray(Uid("Store", pet.StoreId)),
    };

    private static JsonObject OrderEntity(Order order) => Uid("Order", order.Id);

    private static JsonObject OrderEntityData(Order order) => new()
    {
        ["uid"] = Uid("Order", order.Id),
        ["attrs"] = new JsonObject { ["owner"] = Ref("User", order.Owner), ["store"] = Ref("Store", order.StoreId), ["pet"] = Ref("Pet", order.PetId), ["status"] = order.Status },
        ["parents"] = new JsonArray(Uid("Store", order.StoreId)),
    };
}
