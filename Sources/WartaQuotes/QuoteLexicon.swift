/// The words the quote rules know, for one language or merged over several. Keys are lower-case.
struct QuoteLexicon: Sendable {
    /// Bare-root tags after a quote ("kata", "ujar"; English "said", "added"); "katanya" is the root plus "-nya".
    var tagVerbs: Set<String> = []
    /// Full verbs before a quote or in reported speech ("mengatakan", "menyebut"; English "said", "told").
    var fullVerbs: Set<String> = []
    /// Verbs whose subject is an outlet reporting ("melaporkan"; "reported").
    var reportVerbs: Set<String> = []
    /// Suffix that turns a tag into a pronoun speaker ("-nya").
    var pronounSuffixes: [String] = []
    /// Pronouns that stand for the last speaker ("dia", "ia", "he").
    var pronouns: Set<String> = []
    /// Words that open a description rather than a name ("sebuah", "seorang", "para"; "a", "sources").
    var descriptors: Set<String> = []
    /// Words of role phrases ("juru", "bicara", "menteri", "luar", "negeri"; "spokesman").
    var roleWords: Set<String> = []
    /// Names that complement a role rather than name a person ("Iran" in "pejabat Iran Ali Bagheri Kank").
    var roleComplements: Set<String> = []
    /// First words of organisation names that follow a role ("Gedung" in "juru bicara Gedung Putih").
    var organisationHeads: Set<String> = []
    /// Complementizers before reported content ("bahwa"; "that").
    var complementizers: Set<String> = []
    /// Words that end a subject when walking back from a verb ("dan", "tetapi"; "and", "but").
    var conjunctions: Set<String> = []
    /// The addressee preposition after a verb ("kepada"; English "told" takes its object directly).
    var addresseeWords: Set<String> = []
    /// Relay cues followed by an outlet ("dikutip", "dilansir"; "quoted", "reported" with "by").
    var relayCues: Set<String> = []
    /// Words skipped between a relay cue and its outlet ("dari", "oleh"; "by").
    var relayFillers: Set<String> = []
    /// "According to" words: one word ("menurut") or the first of two ("according" + "to").
    var accordingTo: Set<String> = []
    /// Nouns that make "menurut laporan X" a relay rather than a speaker ("laporan", "surat kabar"; "report").
    var reportNouns: Set<String> = []
    /// Words that end a speaker phrase after a tag ("dikutip", "kepada", "dalam", "saat"; "in", "on").
    var speakerStops: Set<String> = []
}

extension QuoteLexicon {
    /// Merges two lexicons.
    func merging(_ other: QuoteLexicon) -> QuoteLexicon {
        var merged = self
        merged.tagVerbs.formUnion(other.tagVerbs)
        merged.fullVerbs.formUnion(other.fullVerbs)
        merged.reportVerbs.formUnion(other.reportVerbs)
        merged.pronounSuffixes += other.pronounSuffixes
        merged.pronouns.formUnion(other.pronouns)
        merged.descriptors.formUnion(other.descriptors)
        merged.roleWords.formUnion(other.roleWords)
        merged.roleComplements.formUnion(other.roleComplements)
        merged.organisationHeads.formUnion(other.organisationHeads)
        merged.complementizers.formUnion(other.complementizers)
        merged.conjunctions.formUnion(other.conjunctions)
        merged.addresseeWords.formUnion(other.addresseeWords)
        merged.relayCues.formUnion(other.relayCues)
        merged.relayFillers.formUnion(other.relayFillers)
        merged.accordingTo.formUnion(other.accordingTo)
        merged.reportNouns.formUnion(other.reportNouns)
        merged.speakerStops.formUnion(other.speakerStops)
        return merged
    }
}
