using System.Text.Json.Nodes;

namespace PetStore.Cedar.Tests;

public class AvpToCedarTests
{
    [Fact]
    public void Identifiers_entities_and_typed_values_map_to_Cedars_JSON_forms()
    {
        var avp = JsonNode.Parse("""
            {
              "policyStoreId": "ps",
              "principal": {"entityType": "PetStore::User", "entityId": "p|1"},
              "action": {"actionType": "PetStore::Action", "actionId": "post /pets"},
              "resource": {"entityType": "PetStore::Application", "entityId": "PetStore"},
              "context": {"contextMap": {"pathParameters": {"record": {"petId": {"string": "7"}}},
                                         "n": {"long": 3}, "b": {"boolean": true},
                                         "e": {"entityIdentifier": {"entityType": "T", "entityId": "i"}},
                                         "s": {"set": [{"string": "x"}]}, "ip": {"ipaddr": "10.0.0.1"}}},
              "entities": {"entityList": [{"identifier": {"entityType": "PetStore::User", "entityId": "p|1"},
                                           "attributes": {"username": {"string": "alice"}},
                                           "parents": [{"entityType": "PetStore::UserGroup", "entityId": "owners"}]}]}
            }
            """)!.AsObject();

        var call = AvpToCedar.Request(avp);

        var expected = JsonNode.Parse("""
            {
              "principal": {"type": "PetStore::User", "id": "p|1"},
              "action": {"type": "PetStore::Action", "id": "post /pets"},
              "resource": {"type": "PetStore::Application", "id": "PetStore"},
              "context": {"pathParameters": {"petId": "7"}, "n": 3, "b": true, "e": {"__entity": {"type": "T", "id": "i"}},
                          "s": ["x"], "ip": {"__extn": {"fn": "ip", "arg": "10.0.0.1"}}},
              "entities": [{"uid": {"type": "PetStore::User", "id": "p|1"}, "attrs": {"username": "alice"},
                            "parents": [{"type": "PetStore::UserGroup", "id": "owners"}]}]
            }
            """);
        Assert.True(JsonNode.DeepEquals(expected, call), call.ToJsonString());
    }

    [Fact]
    public void Cedar_answers_map_to_IsAuthorized_responses()
    {
        var cedar = JsonNode.Parse("""
            {"decision": "allow", "diagnostics": {"reason": ["a", "b"], "errors": [{"policyId": "c", "error": {"message": "overflow"}}]}}
            """)!;

        var response = AvpToCedar.Response(cedar);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""
            {"decision": "ALLOW", "determiningPolicies": [{"policyId": "a"}, {"policyId": "b"}], "errors": [{"errorDescription": "c: overflow"}]}
            """), response));
    }
}
