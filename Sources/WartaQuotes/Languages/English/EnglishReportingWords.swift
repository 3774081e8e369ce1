extension QuoteLexicon {
    /// English reporting verbs, speaker shapes and relay cues ("said", "told Reuters", "according to").
    static let english = QuoteLexicon(
        tagVerbs: [
            "said", "says", "added", "told", "stated", "explained", "noted", "wrote", "asked", "replied", "argued",
            "claimed", "insisted", "warned", "urged", "announced", "declared", "confirmed", "tweeted",
        ],
        fullVerbs: [
            "said", "says", "told", "stated", "added", "explained", "noted", "argued", "claimed", "insisted",
            "warned", "announced", "declared", "confirmed", "denied", "believes", "believe", "admitted", "stressed",
        ],
        reportVerbs: ["reported", "reports"],
        pronouns: ["he", "she", "they"],
        descriptors: ["a", "an", "one", "two", "three", "several", "sources", "officials", "some"],
        roleWords: [
            "spokesman", "spokeswoman", "spokesperson", "president", "minister", "foreign", "secretary", "official",
            "senior", "chief", "director", "adviser", "advisor", "envoy", "analyst", "ambassador", "deputy", "prime",
            "leader", "supreme", "former",
        ],
        roleComplements: ["us", "u.s", "iranian", "israeli", "white"],
        organisationHeads: ["house", "department", "ministry", "state", "council", "office"],
        complementizers: ["that"],
        conjunctions: ["and", "but", "while", "because", "as"],
        relayCues: ["quoted", "reported", "cited"],
        relayFillers: ["by", "as"],
        accordingTo: ["according"],
        reportNouns: ["report", "reports", "newspaper", "a", "the", "agency"],
        speakerStops: ["in", "on", "at", "during", "when", "after", "told", "according", "adding", "who", "and"]
    )
}
