#!/usr/bin/env python3
"""Writes the API's OpenAPI 3.1 document: python3 scripts/openapi/generate.py > Sources/WartaServer/Resources/openapi.json

The document is served at /api/v1/openapi.json; tests check that every route is in it and that responses validate
against it, and .ci/run checks that the committed file is what this script writes."""
import json
S=lambda t,**k: dict(type=t,**k)
I=S("integer"); N=S("number"); B=S("boolean"); T=S("string")
def ref(n): return {"$ref":"#/components/schemas/"+n}
def arr(x): return {"type":"array","items":x}
def obj(req, opt=None, **extra):
    props=dict(req); props.update(opt or {})
    o={"type":"object","required":sorted(req.keys()),"properties":props,"additionalProperties":False}
    o.update(extra); return o
day={"type":"string","pattern":"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}
schemas={
 "Error": obj({"code":T,"message":T,"hint":T},{"parameter":T}),
 "DayCount": obj({"day":day,"count":I}),
 "EntityRef": obj({"id":I,"name":T,"kind":{"type":"string","enum":["PERSON","ORGANISATION","PLACE"]},"articles":I}),
 "StorylineItem": obj({"id":I,"title":T,"article_count":I,"event_count":I,"outlets":arr(T),"articles_per_day":arr(ref("DayCount")),"top_entities":arr(ref("EntityRef"))},{"first_day":day,"last_day":day}),
 "ArticleSummary": obj({"id":I,"title":T,"language":T},{"outlet":T,"published":T,"url":T,"event":I,"storyline":I,"duplicate_of":I}),
 "EventArticle": obj({"article":ref("ArticleSummary"),"copies":arr(ref("ArticleSummary"))}),
 "EventDetail": obj({"id":I,"storyline":I,"title":T,"article_count":I,"outlets":arr(T),"articles":arr(ref("EventArticle"))},{"first_day":day,"last_day":day}),
 "QuoteItem": obj({"article":I,"position":I,"kind":{"type":"string","enum":["direct","indirect"]},"text":T,"relay":arr(T),"chain":arr(T)},{"speaker":T,"speaker_entity":I,"role":T,"cue":T,"outlet":T,"day":day,"storyline":I}),
 "TimelineItem": obj({"date":T,"granularity":T,"approximate":B,"article":I,"expression":T,"sentence":T,"entities":arr(T)},{"storyline":I}),
 "StorylineDetail": obj({"storyline":ref("StorylineItem"),"events":arr(ref("EventDetail")),"quotes":arr(ref("QuoteItem")),"timeline":arr(ref("TimelineItem"))}),
 "Alias": obj({"name":T,"key":T,"mentions":I}),
 "Merge": obj({"alias":T,"target":T,"rule":T,"evidence":arr(T)}),
 "StorylineShare": obj({"id":I,"title":T,"articles":I},{"last_day":day}),
 "EntityDetail": obj({"id":I,"name":T,"kind":T,"article_count":I,"mention_count":I,"aliases":arr(ref("Alias")),"merges":arr(ref("Merge")),"mentions_per_day":arr(ref("DayCount")),"quotes":arr(ref("QuoteItem")),"storylines":arr(ref("StorylineShare")),"co_occurring":arr(ref("EntityRef")),"articles":arr(ref("ArticleSummary"))},{"capital_of":T}),
 "BodySpan": obj({"start":I,"end":I,"text":T}),
 "Field": obj({"value":T,"source":T}),
 "ArticleDetail": obj({"id":I,"title":ref("Field"),"language":T,"tags":arr(T),"body":T,"offsets":{"type":"string","enum":["utf-8"]},
    "entities":arr(obj({"span":ref("BodySpan"),"kind":T})),
    "quotes":arr(obj({"span":ref("BodySpan"),"kind":T,"relay":arr(T)},{"speaker":T})),
    "dates":arr(obj({"span":ref("BodySpan"),"date":T,"approximate":B})),
    "related":arr(obj({"title":T,"kind":T},{"url":T})),
    "named_entities":arr(ref("EntityRef"))},
    {"url":T,"canonical_url":T,"outlet":ref("Field"),"byline":T,"published":ref("Field"),"modified":ref("Field"),"section":T,"event":I,"storyline":I,"duplicate_of":I}),
 "FacetCount": obj({"value":T,"count":I}),
 "SearchItem": obj({"article":ref("ArticleSummary"),"score":N,"snippet":T,"highlights":arr(ref("BodySpan"))}),
 "SearchPage": obj({"query":T,"items":arr(ref("SearchItem")),"total":I,"facets":obj({"outlet":arr(ref("FacetCount")),"language":arr(ref("FacetCount")),"day":arr(ref("FacetCount"))})},{"next_cursor":T}),
 "CountBucket": obj({"start":day,"count":I,"total":I,"share":N}),
 "CountOverTime": obj({"query":T,"bucket":{"type":"string","enum":["day","week","month"]},"buckets":arr(ref("CountBucket"))}),
 "IngestResult": obj({"read":I,"new":I,"known":I,"failed":arr(obj({"path":T,"reason":T}))}),
 "Health": obj({"status":T}),
}
def page(item):
    return obj({"items":arr(ref(item)),"total":I},{"next_cursor":T})
for n in ["StorylineItem","ArticleSummary","EntityRef","QuoteItem","TimelineItem"]:
    schemas[n+"Page"]=page(n)
def q(name, schema, desc, required=False):
    return {"name":name,"in":"query","required":required,"schema":schema,"description":desc}
cursor=q("cursor",T,"The next_cursor of the previous page.")
def limit(d=20): return q("limit",{"type":"integer","minimum":1,"maximum":200,"default":d},"Items per page.")
idp={"name":"id","in":"path","required":True,"schema":{"type":"integer","minimum":1},"description":"The id."}
filters=[q("outlet",T,"Only this outlet (domain)."),q("language",T,"Only this language (id, en)."),q("from",{"type":"string","format":"date"},"Published on or after this day (YYYY-MM-DD)."),q("to",{"type":"string","format":"date"},"Published on or before this day (YYYY-MM-DD).")]
errs={"400":{"description":"A bad parameter, named in the body.","content":{"application/json":{"schema":ref("Error")}}}}
nf={"404":{"description":"No such item.","content":{"application/json":{"schema":ref("Error")}}}}
def ok(schema, desc="OK"): return {"200":{"description":desc,"content":{"application/json":{"schema":ref(schema)}}}}
def op(opid, summary, params, responses, tags):
    r=dict(responses); r.update(errs)
    return {"get":{"operationId":opid,"summary":summary,"tags":tags,"parameters":params,"responses":r}}
qreq=q("q",{"type":"string","minLength":1},"The search words (stemmed like the index: berunding finds perundingan).",True)
paths={
 "/healthz":{"get":{"operationId":"health","summary":"Liveness.","tags":["service"],"responses":ok("Health")}},
 "/metrics":{"get":{"operationId":"metrics","summary":"Prometheus metrics: requests, latencies, ingest counts, store size.","tags":["service"],"responses":{"200":{"description":"Prometheus text format.","content":{"text/plain":{"schema":T}}}}}},
 "/api/v1/openapi.json":{"get":{"operationId":"openapi","summary":"This document.","tags":["service"],"responses":{"200":{"description":"OpenAPI 3.1.","content":{"application/json":{"schema":{"type":"object"}}}}}}},
 "/api/v1/storylines":op("listStorylines","Storylines, newest or largest first.",[q("order",{"type":"string","enum":["newest","largest"],"default":"newest"},"Order."),q("since",{"type":"string","format":"date"},"Only storylines seen on or after this day."),cursor,limit()],ok("StorylineItemPage"),["storylines"]),
 "/api/v1/storylines/{id}":op("getStoryline","One storyline: its events (the 60 largest, in time order, when it has more) with their first 30 articles each, oldest first (copies folded; article_count says how many, /api/v1/articles?event= lists all), the newest 100 quotes and the first 200 dated sentences (/api/v1/quotes and /api/v1/timeline page through all).",[idp],{**ok("StorylineDetail"),**nf},["storylines"]),
 "/api/v1/events/{id}":op("getEvent","One event with its articles, copies folded under their original.",[idp],{**ok("EventDetail"),**nf},["storylines"]),
 "/api/v1/articles":op("listArticles","Articles, newest first.",filters+[q("entity",{"type":"integer","minimum":1},"Only articles naming this entity."),q("storyline",{"type":"integer","minimum":1},"Only this storyline's articles."),q("event",{"type":"integer","minimum":1},"Only this event's articles."),cursor,limit()],ok("ArticleSummaryPage"),["articles"]),
 "/api/v1/articles/{id}":op("getArticle","One article: clean body with entity, quote and date spans (UTF-8 byte offsets), related links, metadata with sources.",[idp],{**ok("ArticleDetail"),**nf},["articles"]),
 "/api/v1/entities":op("listEntities","Entities by the number of articles naming them; q finds them by any alias.",[q("q",T,"An alias or its beginning (case and separators do not matter)."),q("kind",{"type":"string","enum":["PERSON","ORGANISATION","PLACE"]},"Only this kind."),cursor,limit()],ok("EntityRefPage"),["entities"]),
 "/api/v1/entities/{id}":op("getEntity","One entity: aliases with merge rule and evidence, quotes, storylines, mentions per day, co-occurring entities.",[idp],{**ok("EntityDetail"),**nf},["entities"]),
 "/api/v1/quotes":op("listQuotes","Quotes, newest first, with speaker and relay chain.",[q("speaker",{"type":"integer","minimum":1},"The speaking entity's id."),q("storyline",{"type":"integer","minimum":1},"Only this storyline."),q("from",{"type":"string","format":"date"},"On or after this day."),q("to",{"type":"string","format":"date"},"On or before this day."),cursor,limit()],ok("QuoteItemPage"),["quotes"]),
 "/api/v1/timeline":op("timeline","Dated sentences, oldest first, of a storyline or of the articles naming an entity.",[q("storyline",{"type":"integer","minimum":1},"A storyline."),q("entity",{"type":"integer","minimum":1},"An entity."),cursor,limit(100)],ok("TimelineItemPage"),["timeline"]),
 "/api/v1/search":op("search","Full-text search with facets and highlighted snippets.",[qreq]+filters+[cursor,limit()],ok("SearchPage"),["search"]),
 "/api/v1/search/count-over-time":op("countOverTime","Matching articles per day, week or month, with the share of all articles then.",[qreq,q("bucket",{"type":"string","enum":["day","week","month"],"default":"day"},"Bucket size.")]+filters,ok("CountOverTime"),["search"]),
 "/api/v1/export":{"get":{"operationId":"export","summary":"Every article of a query as JSON lines or CSV, streamed.","tags":["articles"],
   "parameters":[q("format",{"type":"string","enum":["jsonl","csv"],"default":"jsonl"},"Format."),q("q",{"type":"string","minLength":1},"Only articles matching these words.")]+filters+[q("entity",{"type":"integer","minimum":1},"Only articles naming this entity."),q("storyline",{"type":"integer","minimum":1},"Only this storyline's articles."),q("event",{"type":"integer","minimum":1},"Only this event's articles.")],
   "responses":{"200":{"description":"The articles, one per line.","content":{"application/x-ndjson":{"schema":T},"text/csv":{"schema":T}}},**errs}}},
 "/api/v1/ingest":{"post":{"operationId":"ingest","summary":"Ingest a document: plain text, HTML or JSON lines.","tags":["ingest"],"security":[{"bearer":[]}],
   "requestBody":{"required":True,"description":"Any bytes: a document that cannot be read is reported under failed, not refused.","content":{"text/plain":{"schema":{}},"text/html":{"schema":{}},"application/x-ndjson":{"schema":{}}}},
   "responses":{"201":{"description":"At least one new article.","content":{"application/json":{"schema":ref("IngestResult")}}},"200":{"description":"Nothing new (already known or failed).","content":{"application/json":{"schema":ref("IngestResult")}}},
     "401":{"description":"Missing or wrong token, or writes disabled.","content":{"application/json":{"schema":ref("Error")}}},"413":{"description":"Body too large.","content":{"application/json":{"schema":ref("Error")}}},**errs}}},
}
doc={"openapi":"3.1.0","info":{"title":"Warta API","version":"1.0.0","description":"Storylines, events, articles, entities, quotes, timelines and search over a Warta store. Lists page with an opaque cursor (next_cursor) in a stable order; total counts the whole list. Errors are {code, message, hint} with 400 for a bad parameter (named in parameter), 401, 404 and 413."},
 "servers":[{"url":"http://127.0.0.1:8080"}],"paths":paths,"components":{"schemas":schemas,"securitySchemes":{"bearer":{"type":"http","scheme":"bearer"}}}}
print(json.dumps(doc,indent=1,ensure_ascii=False))
