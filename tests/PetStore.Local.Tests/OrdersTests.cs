using System.Net;
using System.Text.Json;

namespace PetStore.Local.Tests;

/// <summary>
/// Orders in local mode, as a new user tries them from the README: decided by the policies on the pet or order itself,
/// lists that show exactly what each caller may read, one order per pet under contention, and a policy edit that
/// changes who sees which orders with no code change (the list plan follows the reload).
/// </summary>
public class OrdersTests(LocalFixture fixture)
{
    private HttpClient Http => fixture.Local.Http;
    private string OrdersFile => Path.Combine(fixture.Local.CedarDirectory!, "policies", "orders.cedar");

    private async Task<string> PetAsync(string store, string token) =>
        (await Http.PostJsonAsync("/pets", $$"""{"type":"cat","price":30,"storeId":"{{store}}"}""", token)).Body.GetProperty("pet").GetProperty("id").GetString()!;

    private Task<ApiResponse> OrderAsync(string petId, string token) => Http.PostJsonAsync("/orders", $$"""{"petId":"{{petId}}"}""", token);

    /// <summary>Every order a caller's list shows, page by page.</summary>
    private async Task<List<JsonElement>> ListAllAsync(string token)
    {
        var all = new List<JsonElement>();
        string? next = null;
        do
        {
            var page = await Http.GetJsonAsync(next is null ? "/orders?limit=100" : $"/orders?limit=100&nextToken={Uri.EscapeDataString(next)}", token);
            Assert.Equal(HttpStatusCode.OK, page.Status);
            all.AddRange(page.Body.GetProperty("orders").EnumerateArray().Select(o => o.Clone()));
            next = page.Body.GetProperty("nextToken").GetString();
        } while (next is not null);
        return all;
    }

    private static string Id(JsonElement order) => order.GetProperty("id").GetString()!;

    /// <summary>DELETE /orders/{id}: its status (a 204 has no body).</summary>
    private async Task<HttpStatusCode> CancelAsync(string id, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"/orders/{id}");
        request.Headers.Authorization = new("Bearer", token);
        using var response = await Http.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task A_customer_orders_reads_and_cancels_and_everyone_else_sees_what_the_policies_say()
    {
        var (customer, customer2, employee, employee2, owner) = (await Http.LoginAsync("customer"), await Http.LoginAsync("customer2"),
            await Http.LoginAsync("employee"), await Http.LoginAsync("employee2"), await Http.LoginAsync("owner"));
        var pet = await PetAsync("downtown", employee);
        var ofTheirs = (await OrderAsync(await PetAsync("uptown", employee2), customer2)).Body.GetProperty("order");
        var (uptownOrder, customer2Id) = (Id(ofTheirs), ofTheirs.GetProperty("owner").GetString());

        var placed = await OrderAsync(pet, customer);
        Assert.Equal(HttpStatusCode.Created, placed.Status);
        var order = Id(placed.Body.GetProperty("order"));
        Assert.Equal(HttpStatusCode.Conflict, (await OrderAsync(pet, customer2)).Status);
        Assert.Equal("pending", (await Http.GetJsonAsync($"/pets/{pet}", customer)).Body.GetProperty("status").GetString());

        Assert.Equal(HttpStatusCode.OK, (await Http.GetJsonAsync($"/orders/{order}", customer)).Status);
        // Another customer's order is answered as one that does not exist.
        var hidden = await Http.GetJsonAsync($"/orders/{order}", customer2);
        var unknown = await Http.GetJsonAsync($"/orders/{Guid.CreateVersion7():D}", customer2);
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (hidden.Status, unknown.Status));
        Assert.Equal(HttpStatusCode.NotFound, await CancelAsync(order, customer2));

        var ofCustomer2 = await ListAllAsync(customer2);
        Assert.Contains(uptownOrder, ofCustomer2.Select(Id));
        Assert.DoesNotContain(order, ofCustomer2.Select(Id));
        Assert.All(ofCustomer2, o => Assert.Equal(customer2Id, o.GetProperty("owner").GetString()));
        var ofEmployee = await ListAllAsync(employee);
        Assert.Contains(order, ofEmployee.Select(Id));
        Assert.All(ofEmployee, o => Assert.Equal("downtown", o.GetProperty("storeId").GetString()));
        var ofEmployee2 = await ListAllAsync(employee2);
        Assert.Contains(uptownOrder, ofEmployee2.Select(Id));
        Assert.All(ofEmployee2, o => Assert.Equal("uptown", o.GetProperty("storeId").GetString()));
        var ofOwner = (await ListAllAsync(owner)).Select(Id).ToList();
        Assert.Superset(new HashSet<string>([order, uptownOrder]), ofOwner.ToHashSet());
        Assert.Equal(ofOwner.Count, ofOwner.Distinct().Count());

        Assert.Equal(HttpStatusCode.NoContent, await CancelAsync(order, customer));
        Assert.Equal(HttpStatusCode.NoContent, await CancelAsync(order, customer));
        Assert.Equal("cancelled", (await Http.GetJsonAsync($"/orders/{order}", customer)).Body.GetProperty("status").GetString());
        Assert.Equal("available", (await Http.GetJsonAsync($"/pets/{pet}", customer)).Body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Fifty_concurrent_orders_for_one_pet_place_exactly_one()
    {
        var (customer, customer2) = (await Http.LoginAsync("customer"), await Http.LoginAsync("customer2"));
        var pet = await PetAsync("uptown", await Http.LoginAsync("owner"));

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => OrderAsync(pet, i % 2 == 0 ? customer : customer2)));

        Assert.Equal(1, answers.Count(a => a.Status == HttpStatusCode.Created));
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.Created), a => Assert.Equal(HttpStatusCode.Conflict, a.Status));
        var owner = await Http.LoginAsync("owner");
        Assert.Single(await ListAllAsync(owner), o => o.GetProperty("petId").GetString() == pet);
    }

    [Fact]
    public async Task A_policy_that_shows_customers_more_than_their_own_orders_changes_their_lists_on_reload()
    {
        var (customer, customer2) = (await Http.LoginAsync("customer"), await Http.LoginAsync("customer2"));
        var order = Id((await OrderAsync(await PetAsync("downtown", await Http.LoginAsync("employee")), customer)).Body.GetProperty("order"));
        var customer2Id = (await OrderAsync(await PetAsync("uptown", await Http.LoginAsync("employee2")), customer2)).Body.GetProperty("order").GetProperty("owner").GetString();
        Assert.Equal(HttpStatusCode.NoContent, await CancelAsync(order, customer));
        Assert.DoesNotContain(order, (await ListAllAsync(customer2)).Select(Id));

        var original = await File.ReadAllTextAsync(OrdersFile);
        try
        {
            var seen = fixture.Local.Lines.Count;
            await File.WriteAllTextAsync(OrdersFile, original + """

                // Customers may see every cancelled order.
                @id("customers-read-cancelled-orders")
                permit (principal in PetStore::UserGroup::"customers", action == PetStore::Action::"get /orders", resource)
                when { resource.status == "cancelled" };
                """);
            Assert.NotNull(await fixture.Local.WaitForLineAsync(l => l.StartsWith("Cedar: loaded ") && l.Contains("customers-read-cancelled-orders"), TimeSpan.FromSeconds(15), seen));
            Assert.NotNull(fixture.Local.Lines.Skip(seen).FirstOrDefault(l => l.StartsWith("Cedar: GET /orders:") && l.Contains("customers")));

            // Found only by reading beyond the owner index: the plan followed the policies.
            var shown = await ListAllAsync(customer2);
            Assert.Contains(order, shown.Select(Id));
            Assert.All(shown, o => Assert.True(o.GetProperty("status").GetString() == "cancelled" || o.GetProperty("owner").GetString() == customer2Id));
        }
        finally
        {
            var seen = fixture.Local.Lines.Count;
            await File.WriteAllTextAsync(OrdersFile, original);
            Assert.NotNull(await fixture.Local.WaitForLineAsync(l => l.StartsWith("Cedar: loaded ") && !l.Contains("customers-read-cancelled-orders"), TimeSpan.FromSeconds(15), seen));
        }
    }
}
